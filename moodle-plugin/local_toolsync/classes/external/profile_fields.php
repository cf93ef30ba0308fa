<?php
// This file is part of tool-sync's companion plugin for Moodle - https://moodle.org/
//
// Moodle is free software: you can redistribute it and/or modify
// it under the terms of the GNU General Public License as published by
// the Free Software Foundation, either version 3 of the License, or
// (at your option) any later version.
namespace local_toolsync\external;

use context_system;
use core_external\external_api;
use core_external\external_function_parameters;
use core_external\external_multiple_structure;
use core_external\external_single_structure;
use core_external\external_value;
use local_toolsync\item;

/**
 * Custom user profile field definitions: no core function lists or creates them.
 *
 * @package    local_toolsync
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class profile_fields extends external_api {
    /** @return external_function_parameters */
    public static function get_profile_fields_parameters(): external_function_parameters {
        return new external_function_parameters([
            'shortnames' => new external_multiple_structure(new external_value(PARAM_ALPHANUMEXT, 'field shortname')),
        ]);
    }

    /**
     * Profile fields by shortname.
     *
     * @param array $shortnames
     * @return array
     */
    public static function get_profile_fields(array $shortnames): array {
        global $DB;
        $params = self::validate_parameters(self::get_profile_fields_parameters(), compact('shortnames'));
        $context = context_system::instance();
        self::validate_context($context);
        require_capability('moodle/user:viewalldetails', $context);
        if (!$params['shortnames']) {
            return [];
        }
        $fields = $DB->get_records_list('user_info_field', 'shortname', $params['shortnames'], 'id', 'id, shortname, name, datatype');
        return array_values(array_map(fn($field) => (array)$field, $fields));
    }

    /** @return external_multiple_structure */
    public static function get_profile_fields_returns(): external_multiple_structure {
        return new external_multiple_structure(new external_single_structure([
            'id' => new external_value(PARAM_INT, 'field id'),
            'shortname' => new external_value(PARAM_ALPHANUMEXT, 'shortname'),
            'name' => new external_value(PARAM_TEXT, 'name'),
            'datatype' => new external_value(PARAM_ALPHA, 'text, menu, checkbox, datetime, textarea'),
        ]));
    }

    /** @return external_function_parameters */
    public static function create_profile_fields_parameters(): external_function_parameters {
        return new external_function_parameters([
            'fields' => new external_multiple_structure(new external_single_structure([
                'shortname' => new external_value(PARAM_ALPHANUMEXT, 'shortname'),
                'name' => new external_value(PARAM_TEXT, 'name'),
            ])),
        ]);
    }

    /**
     * Creates text profile fields in the first profile category; a shortname already used is refused.
     *
     * @param array $fields
     * @return array
     */
    public static function create_profile_fields(array $fields): array {
        global $DB;
        $params = self::validate_parameters(self::create_profile_fields_parameters(), compact('fields'));
        $context = context_system::instance();
        self::validate_context($context);
        require_capability('moodle/site:config', $context);
        $category = $DB->get_field_sql('SELECT MIN(id) FROM {user_info_category}');
        if (!$category) {
            $category = $DB->insert_record('user_info_category', ['name' => get_string('profiledefaultcategory', 'admin'), 'sortorder' => 1]);
        }
        $answer = [];
        foreach ($params['fields'] as $field) {
            if ($DB->record_exists('user_info_field', ['shortname' => $field['shortname']])) {
                $answer[] = item::refused('profilefieldtaken', "A custom profile field with shortname \"{$field['shortname']}\" already exists",
                    ['shortname' => $field['shortname']], ['id' => 0]);
                continue;
            }
            $sortorder = (int)$DB->count_records('user_info_field', ['categoryid' => $category]) + 1;
            $id = $DB->insert_record('user_info_field', [
                'shortname' => $field['shortname'], 'name' => $field['name'], 'datatype' => 'text', 'description' => '', 'descriptionformat' => FORMAT_HTML,
                'categoryid' => $category, 'sortorder' => $sortorder, 'required' => 0, 'locked' => 0, 'visible' => PROFILE_VISIBLE_PRIVATE,
                'forceunique' => 0, 'signup' => 0, 'defaultdata' => '', 'defaultdataformat' => FORMAT_MOODLE, 'param1' => 30, 'param2' => 2048,
                'param3' => 0, 'param4' => '', 'param5' => '',
            ]);
            $answer[] = item::ok(['id' => $id]);
        }
        return $answer;
    }

    /** @return external_multiple_structure */
    public static function create_profile_fields_returns(): external_multiple_structure {
        return item::returns(['id' => new external_value(PARAM_INT, 'field id', VALUE_OPTIONAL)]);
    }
}
