<?php
// This file is part of tool-sync's companion plugin for Moodle - https://moodle.org/
//
// Moodle is free software: you can redistribute it and/or modify
// it under the terms of the GNU General Public License as published by
// the Free Software Foundation, either version 3 of the License, or
// (at your option) any later version.
namespace local_toolsync\external;

use backup;
use context_course;
use context_coursecat;
use context_user;
use core_external\external_api;
use core_external\external_function_parameters;
use core_external\external_multiple_structure;
use core_external\external_single_structure;
use core_external\external_value;
use restore_controller;
use restore_dbops;

/**
 * Courses: reset with the reset file's options (no core function resets a course), and a new course restored
 * from a .mbz template uploaded through webservice/upload.php (no core function restores a file).
 *
 * @package    local_toolsync
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class courses extends external_api {
    /** @return external_function_parameters */
    public static function reset_course_parameters(): external_function_parameters {
        return new external_function_parameters([
            'courseid' => new external_value(PARAM_INT, 'course id'),
            'options' => new external_multiple_structure(new external_single_structure([
                'name' => new external_value(PARAM_ALPHANUMEXT, 'reset_* key of reset_course_userdata, or unenrol_users'),
                'value' => new external_value(PARAM_RAW, '1/0, a date for reset_start_date, role ids separated by commas for unenrol_users'),
            ]), 'the options of the reset file', VALUE_DEFAULT, []),
        ]);
    }

    /**
     * Resets a course with reset_course_userdata and the options given.
     *
     * @param int $courseid
     * @param array $options
     * @return array
     */
    public static function reset_course(int $courseid, array $options = []): array {
        global $CFG, $DB;
        require_once($CFG->dirroot . '/course/lib.php');
        $params = self::validate_parameters(self::reset_course_parameters(), compact('courseid', 'options'));
        $course = $DB->get_record('course', ['id' => $params['courseid']], '*', MUST_EXIST);
        $context = context_course::instance($course->id);
        self::validate_context($context);
        require_capability('moodle/course:reset', $context);
        $data = (object)['id' => $course->id, 'reset_start_date_old' => $course->startdate, 'reset_end_date_old' => $course->enddate];
        foreach ($params['options'] as $option) {
            $data->{$option['name']} = $option['name'] === 'unenrol_users'
                ? array_filter(array_map('intval', explode(',', $option['value'])), fn($id) => $id >= 0)
                : $option['value'];
        }
        $status = reset_course_userdata($data);
        return array_map(fn($line) => ['component' => (string)$line['component'], 'item' => (string)$line['item'],
            'error' => $line['error'] === false ? '' : (string)$line['error']], $status);
    }

    /** @return external_multiple_structure */
    public static function reset_course_returns(): external_multiple_structure {
        return new external_multiple_structure(new external_single_structure([
            'component' => new external_value(PARAM_TEXT, 'what was reset'),
            'item' => new external_value(PARAM_TEXT, 'how'),
            'error' => new external_value(PARAM_TEXT, 'empty when done'),
        ]));
    }

    /** @return external_function_parameters */
    public static function restore_course_parameters(): external_function_parameters {
        return new external_function_parameters([
            'draftitemid' => new external_value(PARAM_INT, 'draft area of the web service user holding the .mbz (webservice/upload.php)'),
            'categoryid' => new external_value(PARAM_INT, 'category of the new course'),
            'fullname' => new external_value(PARAM_TEXT, 'full name of the new course'),
            'shortname' => new external_value(PARAM_TEXT, 'short name of the new course'),
        ]);
    }

    /**
     * Restores a .mbz backup into a new course (synchronously: a template is expected to be small).
     *
     * @param int $draftitemid
     * @param int $categoryid
     * @param string $fullname
     * @param string $shortname
     * @return array
     */
    public static function restore_course(int $draftitemid, int $categoryid, string $fullname, string $shortname): array {
        global $CFG, $DB, $USER;
        require_once($CFG->dirroot . '/backup/util/includes/restore_includes.php');
        $params = self::validate_parameters(self::restore_course_parameters(), compact('draftitemid', 'categoryid', 'fullname', 'shortname'));
        $context = context_coursecat::instance($params['categoryid']);
        self::validate_context($context);
        require_capability('moodle/restore:restorecourse', $context);
        require_capability('moodle/course:create', $context);
        if ($DB->record_exists('course', ['shortname' => $params['shortname']])) {
            throw new \moodle_exception('shortnametaken', '', '', $params['shortname']);
        }
        $files = get_file_storage()->get_area_files(context_user::instance($USER->id)->id, 'user', 'draft', $params['draftitemid'], 'id', false);
        $file = reset($files);
        if (!$file) {
            throw new \invalid_parameter_exception('No file in draft area ' . $params['draftitemid']);
        }
        $folder = restore_controller::get_tempdir_name(SITEID, $USER->id);
        $file->extract_to_pathname(get_file_packer('application/vnd.moodle.backup'), make_backup_temp_directory($folder));
        $courseid = restore_dbops::create_new_course($params['fullname'], $params['shortname'], $params['categoryid']);
        $controller = new restore_controller($folder, $courseid, backup::INTERACTIVE_NO, backup::MODE_GENERAL, $USER->id, backup::TARGET_NEW_COURSE);
        if (!$controller->execute_precheck()) {
            $results = $controller->get_precheck_results();
            $controller->destroy();
            delete_course($courseid, false);
            throw new \moodle_exception('restoreprecheckerror', 'local_toolsync', '', implode('; ', $results['errors'] ?? []));
        }
        $controller->execute_plan();
        $controller->destroy();
        // The restore keeps the template's names: the file's ones win.
        $DB->update_record('course', (object)['id' => $courseid, 'fullname' => $params['fullname'], 'shortname' => $params['shortname']]);
        return ['courseid' => $courseid];
    }

    /** @return external_single_structure */
    public static function restore_course_returns(): external_single_structure {
        return new external_single_structure(['courseid' => new external_value(PARAM_INT, 'the new course')]);
    }
}
