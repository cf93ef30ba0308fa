<?php
// This file is part of tool-sync's companion plugin for Moodle - https://moodle.org/
//
// Moodle is free software: you can redistribute it and/or modify
// it under the terms of the GNU General Public License as published by
// the Free Software Foundation, either version 3 of the License, or
// (at your option) any later version.
namespace local_toolsync\external;

use backup;
use backup_controller;
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
                'name' => new external_value(PARAM_ALPHANUMEXT, 'reset_* key of reset_course_userdata, unenrol_users, or modules'),
                'value' => new external_value(PARAM_RAW,
                    '1/0; role ids separated by commas, or all, for unenrol_users; all, module names, or -name exclusions for modules'),
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
        $explicit = [];
        foreach ($params['options'] as $option) {
            if ($option['name'] === 'unenrol_users') {
                $data->unenrol_users = self::unenrol_roles($option['value']);
            } else if ($option['name'] === 'modules') {
                // The modules' own form defaults first: the file's per-module columns win over them.
                foreach (self::module_defaults($course, $option['value']) as $key => $value) {
                    $data->{$key} = $value;
                }
            } else {
                $explicit[$option['name']] = $option['value'];
            }
        }
        foreach ($explicit as $name => $value) {
            $data->{$name} = $value;
        }
        $status = reset_course_userdata($data);
        return array_map(fn($line) => ['component' => (string)$line['component'], 'item' => (string)$line['item'],
            'error' => $line['error'] === false ? '' : (string)$line['error']], $status);
    }

    /**
     * The roles whose users reset_course_userdata unenrols: ids separated by commas (0: users without a role), or
     * `all`: every role of the site and users without one.
     *
     * @param string $value
     * @return int[]
     */
    private static function unenrol_roles(string $value): array {
        if (trim($value) === 'all') {
            return array_merge([0], array_map('intval', array_keys(get_all_roles())));
        }
        return array_values(array_filter(array_map('intval', explode(',', $value)), fn($id) => $id >= 0));
    }

    /**
     * The reset options of the modules a reset file's `modules` names, from each module's own
     * <mod>_reset_course_form_defaults() (what the reset form ticks): `all`, a list (`forum quiz`), or all but a list
     * (`-forum -quiz`).
     *
     * @param \stdClass $course
     * @param string $modules
     * @return array reset key => value
     */
    private static function module_defaults(\stdClass $course, string $modules): array {
        $words = preg_split('/\s+/', strtolower(trim($modules)), -1, PREG_SPLIT_NO_EMPTY);
        $excluded = array_map(fn($word) => ltrim($word, '-'), array_filter($words, fn($word) => $word[0] === '-'));
        $defaults = [];
        foreach (\core_component::get_plugin_list('mod') as $mod => $directory) {
            $chosen = $words === ['all'] || ($excluded ? !in_array($mod, $excluded) : in_array($mod, $words));
            if (!$chosen || !file_exists($directory . '/lib.php')) {
                continue;
            }
            include_once($directory . '/lib.php');
            $function = $mod . '_reset_course_form_defaults';
            if (function_exists($function)) {
                $defaults = array_merge($defaults, (array)$function($course));
            }
        }
        return $defaults;
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
            'courseid' => new external_value(PARAM_INT, 'an existing course to restore into instead (0: a new course)', VALUE_DEFAULT, 0),
            'deletecontent' => new external_value(PARAM_BOOL, 'into an existing course: replace its content (its users kept)', VALUE_DEFAULT, false),
        ]);
    }

    /**
     * Restores a .mbz backup into a new course, or into an existing one (its content added to, or replaced with its
     * enrolments, roles, groups and settings kept), synchronously: a template is expected to be small.
     *
     * @param int $draftitemid
     * @param int $categoryid
     * @param string $fullname
     * @param string $shortname
     * @param int $courseid
     * @param bool $deletecontent
     * @return array
     */
    public static function restore_course(int $draftitemid, int $categoryid, string $fullname, string $shortname, int $courseid = 0,
            bool $deletecontent = false): array {
        global $CFG, $DB, $USER;
        require_once($CFG->dirroot . '/backup/util/includes/restore_includes.php');
        $params = self::validate_parameters(self::restore_course_parameters(),
            compact('draftitemid', 'categoryid', 'fullname', 'shortname', 'courseid', 'deletecontent'));
        if ($params['courseid']) {
            if (!$DB->record_exists('course', ['id' => $params['courseid']])) {
                throw new \moodle_exception('invalidcourseid', 'error');
            }
            $context = context_course::instance($params['courseid']);
            self::validate_context($context);
            require_capability('moodle/restore:restorecourse', $context);
        } else {
            $context = context_coursecat::instance($params['categoryid']);
            self::validate_context($context);
            require_capability('moodle/restore:restorecourse', $context);
            require_capability('moodle/course:create', $context);
            if ($DB->record_exists('course', ['shortname' => $params['shortname']])) {
                throw new \moodle_exception('shortnametaken', '', '', $params['shortname']);
            }
        }
        $files = get_file_storage()->get_area_files(context_user::instance($USER->id)->id, 'user', 'draft', $params['draftitemid'], 'id', false);
        $file = reset($files);
        if (!$file) {
            throw new \invalid_parameter_exception('No file in draft area ' . $params['draftitemid']);
        }
        $folder = restore_controller::get_tempdir_name(SITEID, $USER->id);
        $file->extract_to_pathname(get_file_packer('application/vnd.moodle.backup'), make_backup_temp_directory($folder));
        if ($params['courseid']) {
            $courseid = $params['courseid'];
            $target = $params['deletecontent'] ? backup::TARGET_EXISTING_DELETING : backup::TARGET_EXISTING_ADDING;
        } else {
            $courseid = restore_dbops::create_new_course($params['fullname'], $params['shortname'], $params['categoryid']);
            $target = backup::TARGET_NEW_COURSE;
        }
        $controller = new restore_controller($folder, $courseid, backup::INTERACTIVE_NO, backup::MODE_GENERAL, $USER->id, $target);
        if (!$controller->execute_precheck()) {
            $results = $controller->get_precheck_results();
            $controller->destroy();
            if (!$params['courseid']) {
                delete_course($courseid, false);
            }
            throw new \moodle_exception('restoreprecheckerror', 'local_toolsync', '', implode('; ', $results['errors'] ?? []));
        }
        if ($target == backup::TARGET_EXISTING_DELETING) {
            restore_dbops::delete_course_content($courseid, ['keep_roles_and_enrolments' => 1, 'keep_groups_and_groupings' => 1]);
        }
        $controller->execute_plan();
        $controller->destroy();
        if (!$params['courseid']) {
            // The restore keeps the backup's names: the file's ones win.
            $DB->update_record('course', (object)['id' => $courseid, 'fullname' => $params['fullname'], 'shortname' => $params['shortname']]);
        }
        return ['courseid' => $courseid];
    }

    /** @return external_single_structure */
    public static function restore_course_returns(): external_single_structure {
        return new external_single_structure(['courseid' => new external_value(PARAM_INT, 'the course restored into')]);
    }
    /** @return external_function_parameters */
    public static function replace_course_content_parameters(): external_function_parameters {
        return new external_function_parameters([
            'importfrom' => new external_value(PARAM_INT, 'the template course'),
            'importto' => new external_value(PARAM_INT, 'the course whose content is replaced'),
        ]);
    }

    /**
     * Replaces a course's content by a template's, as core_course_import_course with deletecontent does, but keeping
     * the course's enrolments and roles: core's import deletes them with the content (remove_course_contents without
     * options), which would unenrol every user of the course. Groups and groupings give way to the template's.
     *
     * @param int $importfrom
     * @param int $importto
     * @return null
     */
    public static function replace_course_content(int $importfrom, int $importto) {
        global $CFG, $DB, $USER;
        require_once($CFG->dirroot . '/backup/util/includes/backup_includes.php');
        require_once($CFG->dirroot . '/backup/util/includes/restore_includes.php');
        $params = self::validate_parameters(self::replace_course_content_parameters(), compact('importfrom', 'importto'));
        foreach (['importfrom', 'importto'] as $key) {
            if (!$DB->record_exists('course', ['id' => $params[$key]])) {
                throw new \moodle_exception('invalidcourseid', 'error');
            }
        }
        $fromcontext = context_course::instance($params['importfrom']);
        $tocontext = context_course::instance($params['importto']);
        self::validate_context($fromcontext);
        self::validate_context($tocontext);
        require_capability('moodle/backup:backuptargetimport', $fromcontext);
        require_capability('moodle/restore:restoretargetimport', $tocontext);

        $backup = new backup_controller(backup::TYPE_1COURSE, $params['importfrom'], backup::FORMAT_MOODLE,
            backup::INTERACTIVE_NO, backup::MODE_IMPORT, $USER->id);
        $backupid = $backup->get_backupid();
        $basepath = $backup->get_plan()->get_basepath();
        $backup->execute_plan();
        $backup->destroy();

        $restore = new restore_controller($backupid, $params['importto'], backup::INTERACTIVE_NO, backup::MODE_IMPORT,
            $USER->id, backup::TARGET_EXISTING_DELETING);
        if (!$restore->execute_precheck()) {
            $results = $restore->get_precheck_results();
            if (!empty($results['errors'])) {
                $restore->destroy();
                if (empty($CFG->keeptempdirectoriesonbackup)) {
                    fulldelete($basepath);
                }
                throw new \moodle_exception('restoreprecheckerror', 'local_toolsync', '', implode('; ', $results['errors']));
            }
        }
        restore_dbops::delete_course_content($params['importto'], ['keep_roles_and_enrolments' => 1, 'keep_groups_and_groupings' => 0]);
        $restore->execute_plan();
        $restore->destroy();
        if (empty($CFG->keeptempdirectoriesonbackup)) {
            fulldelete($basepath);
        }
        return null;
    }

    /** @return null */
    public static function replace_course_content_returns() {
        return null;
    }
}
