<?php
// This file is part of tool-sync's companion plugin for Moodle - https://moodle.org/
//
// Moodle is free software: you can redistribute it and/or modify
// it under the terms of the GNU General Public License as published by
// the Free Software Foundation, either version 3 of the License, or
// (at your option) any later version.

/**
 * Version of local_toolsync: the web service functions tool-sync needs and Moodle's core lacks.
 *
 * @package    local_toolsync
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

defined('MOODLE_INTERNAL') || die();

$plugin->component = 'local_toolsync';
$plugin->version = 2026120302;
$plugin->requires = 2023042400; // Moodle 4.2: core_external namespaces.
$plugin->maturity = MATURITY_BETA;
$plugin->release = '0.2.0';
