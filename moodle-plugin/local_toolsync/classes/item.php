<?php
// This file is part of tool-sync's companion plugin for Moodle - https://moodle.org/
//
// Moodle is free software: you can redistribute it and/or modify
// it under the terms of the GNU General Public License as published by
// the Free Software Foundation, either version 3 of the License, or
// (at your option) any later version.

namespace local_toolsync;

use core_external\external_multiple_structure;
use core_external\external_single_structure;
use core_external\external_value;

/**
 * The answer for one item of the plugin's batch functions: each item is applied on its own, and a refused one says
 * why with an error code tool-sync knows (`enrolinstancenotfound`…), a message and its parameters.
 *
 * @package    local_toolsync
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class item {
    /**
     * An applied item.
     *
     * @param array $fields the item's own answer (id, added, changed…)
     * @return array
     */
    public static function ok(array $fields = []): array {
        return ['errorcode' => '', 'message' => '', 'params' => []] + $fields;
    }

    /**
     * A refused item.
     *
     * @param string $errorcode tool-sync's code without its PLATFORM_ prefix and underscores
     * @param string $message the reason, in English
     * @param array $params name => value
     * @param array $fields default values of the item's own answer
     * @return array
     */
    public static function refused(string $errorcode, string $message, array $params = [], array $fields = []): array {
        $list = [];
        foreach ($params as $name => $value) {
            $list[] = ['name' => $name, 'value' => (string)$value];
        }
        return ['errorcode' => $errorcode, 'message' => $message, 'params' => $list] + $fields;
    }

    /**
     * The return description of a list of items.
     *
     * @param array $fields name => external_value of the item's own answer
     * @return external_multiple_structure
     */
    public static function returns(array $fields = []): external_multiple_structure {
        return new external_multiple_structure(new external_single_structure([
            'errorcode' => new external_value(PARAM_ALPHANUMEXT, 'empty when applied'),
            'message' => new external_value(PARAM_RAW, 'why it was refused'),
            'params' => new external_multiple_structure(new external_single_structure([
                'name' => new external_value(PARAM_ALPHANUMEXT, 'parameter name'),
                'value' => new external_value(PARAM_RAW, 'parameter value'),
            ])),
        ] + $fields));
    }
}
