<?php
// This file is part of tool-sync's companion plugin for Moodle - https://moodle.org/
//
// Moodle is free software: you can redistribute it and/or modify
// it under the terms of the GNU General Public License as published by
// the Free Software Foundation, either version 3 of the License, or
// (at your option) any later version.
namespace local_toolsync\external;

use context;
use context_course;
use context_system;
use core_external\external_api;
use core_external\external_function_parameters;
use core_external\external_multiple_structure;
use core_external\external_single_structure;
use core_external\external_value;
use local_toolsync\item;
use null_progress_trace;

/**
 * Cohorts with their category (core returns no context), cohort enrolment instances (no core function writes
 * them: add, enable, disable, delete) and enrol_cohort's sync of courses, counted.
 *
 * @package    local_toolsync
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class cohorts extends external_api {
    /** @return external_function_parameters */
    public static function get_cohorts_parameters(): external_function_parameters {
        return new external_function_parameters([
            'cohortids' => new external_multiple_structure(new external_value(PARAM_INT, 'cohort id'), 'empty: every cohort', VALUE_DEFAULT, []),
        ]);
    }

    /**
     * Cohorts the caller may view, with the category of their context (0 for the system context).
     *
     * @param array $cohortids
     * @return array
     */
    public static function get_cohorts(array $cohortids = []): array {
        global $DB;
        $params = self::validate_parameters(self::get_cohorts_parameters(), compact('cohortids'));
        $cohorts = $params['cohortids'] ? $DB->get_records_list('cohort', 'id', $params['cohortids'], 'id') : $DB->get_records('cohort', null, 'id');
        $answer = [];
        foreach ($cohorts as $cohort) {
            $context = context::instance_by_id($cohort->contextid);
            if (!has_any_capability(['moodle/cohort:view', 'moodle/cohort:manage'], $context)) {
                continue;
            }
            $answer[] = [
                'id' => $cohort->id, 'name' => $cohort->name, 'idnumber' => (string)$cohort->idnumber, 'description' => (string)$cohort->description,
                'categoryid' => $context->contextlevel == CONTEXT_COURSECAT ? $context->instanceid : 0, 'component' => (string)$cohort->component,
            ];
        }
        return $answer;
    }

    /** @return external_multiple_structure */
    public static function get_cohorts_returns(): external_multiple_structure {
        return new external_multiple_structure(new external_single_structure([
            'id' => new external_value(PARAM_INT, 'cohort id'),
            'name' => new external_value(PARAM_TEXT, 'name'),
            'idnumber' => new external_value(PARAM_RAW, 'idnumber'),
            'description' => new external_value(PARAM_RAW, 'description'),
            'categoryid' => new external_value(PARAM_INT, 'category of its context, 0 for the system'),
            'component' => new external_value(PARAM_COMPONENT, 'owner, empty for cohorts managed by hand'),
        ]));
    }

    /** @return external_function_parameters */
    public static function add_cohort_instances_parameters(): external_function_parameters {
        return new external_function_parameters([
            'instances' => new external_multiple_structure(new external_single_structure([
                'courseid' => new external_value(PARAM_INT, 'course id'),
                'cohortid' => new external_value(PARAM_INT, 'cohort id'),
                'roleid' => new external_value(PARAM_INT, 'role of the enrolled members'),
                'groupid' => new external_value(PARAM_INT, 'group the members go in, 0 for none', VALUE_DEFAULT, 0),
                'enrolstart' => new external_value(PARAM_INT, 'unused by enrol_cohort, kept for later', VALUE_DEFAULT, 0),
                'enrolend' => new external_value(PARAM_INT, 'unused by enrol_cohort, kept for later', VALUE_DEFAULT, 0),
            ])),
        ]);
    }

    /**
     * Adds cohort instances (then syncs the course, as the instance form does); one binding the same cohort and role
     * in the course is answered instead (added false).
     *
     * @param array $instances
     * @return array
     */
    public static function add_cohort_instances(array $instances): array {
        global $CFG, $DB;
        require_once($CFG->dirroot . '/enrol/cohort/locallib.php');
        $params = self::validate_parameters(self::add_cohort_instances_parameters(), compact('instances'));
        $plugin = enrol_get_plugin('cohort');
        $answer = [];
        foreach ($params['instances'] as $item) {
            $course = $DB->get_record('course', ['id' => $item['courseid']]);
            if (!$course) {
                $answer[] = item::refused('coursenotfound', "No course with id {$item['courseid']}", ['courseId' => $item['courseid']], ['id' => 0]);
                continue;
            }
            if (!$DB->record_exists('cohort', ['id' => $item['cohortid']])) {
                $answer[] = item::refused('cohortnotfound', "No cohort with id {$item['cohortid']}", ['cohortId' => $item['cohortid']], ['id' => 0]);
                continue;
            }
            if (!$DB->record_exists('role', ['id' => $item['roleid']])) {
                $answer[] = item::refused('rolenotfound', "No role with id {$item['roleid']}", ['roleId' => $item['roleid']], ['id' => 0]);
                continue;
            }
            if ($item['groupid'] && !$DB->record_exists('groups', ['id' => $item['groupid'], 'courseid' => $course->id])) {
                $answer[] = item::refused('groupnotincourse', "No group with id {$item['groupid']} in course {$course->id}",
                    ['groupId' => $item['groupid'], 'courseId' => $course->id], ['id' => 0]);
                continue;
            }
            $context = context_course::instance($course->id);
            self::validate_context($context);
            require_capability('moodle/course:enrolconfig', $context);
            require_capability('enrol/cohort:config', $context);
            $existing = $DB->get_record('enrol', ['enrol' => 'cohort', 'courseid' => $course->id, 'customint1' => $item['cohortid'], 'roleid' => $item['roleid']]);
            if ($existing) {
                $answer[] = item::ok(['id' => $existing->id, 'added' => false]);
                continue;
            }
            $id = $plugin->add_instance($course, ['customint1' => $item['cohortid'], 'roleid' => $item['roleid'], 'customint2' => $item['groupid']]);
            enrol_cohort_sync(new null_progress_trace(), $course->id);
            $answer[] = item::ok(['id' => $id, 'added' => true]);
        }
        return $answer;
    }

    /** @return external_multiple_structure */
    public static function add_cohort_instances_returns(): external_multiple_structure {
        return item::returns([
            'id' => new external_value(PARAM_INT, 'instance id', VALUE_OPTIONAL),
            'added' => new external_value(PARAM_BOOL, 'false when the binding existed', VALUE_OPTIONAL),
        ]);
    }

    /** @return external_function_parameters */
    public static function set_enrol_instances_status_parameters(): external_function_parameters {
        return new external_function_parameters([
            'instances' => new external_multiple_structure(new external_single_structure([
                'id' => new external_value(PARAM_INT, 'instance id'),
                'enabled' => new external_value(PARAM_BOOL, 'enabled or disabled'),
                'roleid' => new external_value(PARAM_INT, 'default role of the method, 0 to leave it', VALUE_DEFAULT, 0),
            ])),
        ]);
    }

    /**
     * Enables or disables enrolment instances (the plugin's update_status: cohort members are synced by its observers),
     * and sets their default role when one is given.
     *
     * @param array $instances
     * @return array
     */
    public static function set_enrol_instances_status(array $instances): array {
        global $DB;
        $params = self::validate_parameters(self::set_enrol_instances_status_parameters(), compact('instances'));
        $answer = [];
        foreach ($params['instances'] as $item) {
            $instance = $DB->get_record('enrol', ['id' => $item['id']]);
            if (!$instance) {
                $answer[] = item::refused('enrolinstancenotfound', "No enrolment instance with id {$item['id']}", ['instanceId' => $item['id']]);
                continue;
            }
            $context = context_course::instance($instance->courseid);
            self::validate_context($context);
            require_capability('moodle/course:enrolconfig', $context);
            $status = $item['enabled'] ? ENROL_INSTANCE_ENABLED : ENROL_INSTANCE_DISABLED;
            $rolechanged = $item['roleid'] && (int)$instance->roleid !== $item['roleid'];
            if ($rolechanged) {
                enrol_get_plugin($instance->enrol)->update_instance($instance, (object)['roleid' => $item['roleid']]);
            }
            $statuschanged = (int)$instance->status !== $status;
            if ($statuschanged) {
                enrol_get_plugin($instance->enrol)->update_status($instance, $status);
            }
            $answer[] = item::ok(['changed' => $statuschanged || $rolechanged]);
        }
        return $answer;
    }

    /** @return external_multiple_structure */
    public static function set_enrol_instances_status_returns(): external_multiple_structure {
        return item::returns(['changed' => new external_value(PARAM_BOOL, 'false when it had that status', VALUE_OPTIONAL)]);
    }

    /** @return external_function_parameters */
    public static function delete_enrol_instances_parameters(): external_function_parameters {
        return new external_function_parameters([
            'instanceids' => new external_multiple_structure(new external_value(PARAM_INT, 'instance id')),
        ]);
    }

    /**
     * Deletes enrolment instances with their user enrolments, as enrol_plugin::delete_instance.
     *
     * @param array $instanceids
     * @return array
     */
    public static function delete_enrol_instances(array $instanceids): array {
        global $DB;
        $params = self::validate_parameters(self::delete_enrol_instances_parameters(), compact('instanceids'));
        $answer = [];
        foreach ($params['instanceids'] as $id) {
            $instance = $DB->get_record('enrol', ['id' => $id]);
            if (!$instance) {
                $answer[] = item::refused('enrolinstancenotfound', "No enrolment instance with id {$id}", ['instanceId' => $id]);
                continue;
            }
            $context = context_course::instance($instance->courseid);
            self::validate_context($context);
            require_capability('moodle/course:enrolconfig', $context);
            enrol_get_plugin($instance->enrol)->delete_instance($instance);
            $answer[] = item::ok();
        }
        return $answer;
    }

    /** @return external_multiple_structure */
    public static function delete_enrol_instances_returns(): external_multiple_structure {
        return item::returns();
    }

    /** @return external_function_parameters */
    public static function sync_cohort_enrolments_parameters(): external_function_parameters {
        return new external_function_parameters([
            'courseids' => new external_multiple_structure(new external_value(PARAM_INT, 'course id')),
        ]);
    }

    /**
     * Runs enrol_cohort_sync for the courses and counts what it changed in their cohort instances' user enrolments.
     *
     * @param array $courseids
     * @return array
     */
    public static function sync_cohort_enrolments(array $courseids): array {
        global $CFG;
        require_once($CFG->dirroot . '/enrol/cohort/locallib.php');
        $params = self::validate_parameters(self::sync_cohort_enrolments_parameters(), compact('courseids'));
        $counts = ['enrolled' => 0, 'unenrolled' => 0, 'suspended' => 0, 'reactivated' => 0];
        foreach (array_unique($params['courseids']) as $courseid) {
            $context = context_course::instance($courseid, IGNORE_MISSING);
            if (!$context) {
                continue;
            }
            self::validate_context($context);
            require_capability('enrol/cohort:config', $context);
            $before = self::cohort_enrolments($courseid);
            enrol_cohort_sync(new null_progress_trace(), $courseid);
            $after = self::cohort_enrolments($courseid);
            foreach ($after as $key => $status) {
                if (!isset($before[$key])) {
                    $counts['enrolled']++;
                } else if ($before[$key] != $status) {
                    $counts[$status == ENROL_USER_SUSPENDED ? 'suspended' : 'reactivated']++;
                }
            }
            $counts['unenrolled'] += count(array_diff_key($before, $after));
        }
        return $counts;
    }

    /** @return external_single_structure */
    public static function sync_cohort_enrolments_returns(): external_single_structure {
        return new external_single_structure([
            'enrolled' => new external_value(PARAM_INT, 'user enrolments added'),
            'unenrolled' => new external_value(PARAM_INT, 'user enrolments removed'),
            'suspended' => new external_value(PARAM_INT, 'user enrolments suspended'),
            'reactivated' => new external_value(PARAM_INT, 'user enrolments reactivated'),
        ]);
    }

    /**
     * Status of the user enrolments of a course's cohort instances, by instance and user.
     *
     * @param int $courseid
     * @return array
     */
    private static function cohort_enrolments(int $courseid): array {
        global $DB;
        $rows = $DB->get_records_sql("SELECT ue.id, ue.enrolid, ue.userid, ue.status
                                        FROM {user_enrolments} ue JOIN {enrol} e ON e.id = ue.enrolid
                                       WHERE e.courseid = :courseid AND e.enrol = 'cohort'", ['courseid' => $courseid]);
        $statuses = [];
        foreach ($rows as $row) {
            $statuses["{$row->enrolid}:{$row->userid}"] = $row->status;
        }
        return $statuses;
    }
}
