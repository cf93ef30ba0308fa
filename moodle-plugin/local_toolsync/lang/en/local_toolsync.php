<?php
// This file is part of tool-sync's companion plugin for Moodle - https://moodle.org/
//
// Moodle is free software: you can redistribute it and/or modify
// it under the terms of the GNU General Public License as published by
// the Free Software Foundation, either version 3 of the License, or
// (at your option) any later version.

/**
 * Strings of local_toolsync.
 *
 * @package    local_toolsync
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

defined('MOODLE_INTERNAL') || die();

$string['messageprovider:syncreport'] = 'Reports of tool-sync runs';
$string['pluginname'] = 'tool-sync companion';
$string['privacy:metadata'] = 'The tool-sync companion plugin stores no personal data: it only gives web service access to what core Moodle stores.';
$string['restoreprecheckerror'] = 'The template cannot be restored: {$a}';
