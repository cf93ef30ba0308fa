<?php
// This file is part of tool-sync's companion plugin for Moodle - https://moodle.org/
//
// Moodle is free software: you can redistribute it and/or modify
// it under the terms of the GNU General Public License as published by
// the Free Software Foundation, either version 3 of the License, or
// (at your option) any later version.
namespace local_toolsync\external;

use context_course;
use core_external\external_api;
use core_external\external_function_parameters;
use core_external\external_multiple_structure;
use core_external\external_single_structure;
use core_external\external_value;
use local_toolsync\item;

/**
 * Enrolments: every enrolment instance of courses (core lists only self and guest ones), user enrolments with their
 * status and dates (core returns neither), and enrolling, changing and unenrolling through any method.
 *
 * @package    local_toolsync
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class enrolments extends external_api {
    /** @return external_function_parameters */
    public static function get_enrol_instances_parameters(): external_function_parameters {
        $ids = fn($what) => new external_multiple_structure(new external_value(PARAM_INT, "$what id"), 'empty: no filter', VALUE_DEFAULT, []);
        return new external_function_parameters([
            'courseids' => $ids('course'),
            'cohortids' => $ids('cohort (cohort instances bound to them)'),
            'instanceids' => $ids('instance'),
            'enrol' => new external_value(PARAM_PLUGIN, 'one method only, empty for every one', VALUE_DEFAULT, ''),
        ]);
    }

    /**
     * Enrolment instances by course, sortorder and id.
     *
     * @param array $courseids
     * @param array $cohortids
     * @param array $instanceids
     * @param string $enrol
     * @return array
     */
    public static function get_enrol_instances(array $courseids = [], array $cohortids = [], array $instanceids = [], string $enrol = ''): array {
        global $DB;
        $params = self::validate_parameters(self::get_enrol_instances_parameters(), compact('courseids', 'cohortids', 'instanceids', 'enrol'));
        $where = [];
        $values = [];
        foreach (['courseid' => $params['courseids'], 'id' => $params['instanceids']] as $column => $ids) {
            if ($ids) {
                [$sql, $in] = $DB->get_in_or_equal($ids, SQL_PARAMS_NAMED, $column);
                $where[] = "$column $sql";
                $values += $in;
            }
        }
        if ($params['cohortids']) {
            [$sql, $in] = $DB->get_in_or_equal($params['cohortids'], SQL_PARAMS_NAMED, 'cohort');
            $where[] = "enrol = 'cohort' AND customint1 $sql";
            $values += $in;
        }
        if ($params['enrol'] !== '') {
            $where[] = 'enrol = :enrol';
            $values['enrol'] = $params['enrol'];
        }
        $instances = $DB->get_records_select('enrol', $where ? implode(' AND ', $where) : '1 = 1', $values, 'courseid, sortorder, id');
        $answer = [];
        foreach ($instances as $instance) {
            $context = context_course::instance($instance->courseid);
            self::validate_context($context);
            require_capability('moodle/course:enrolreview', $context);
            $answer[] = [
                'id' => $instance->id, 'courseid' => $instance->courseid, 'enrol' => $instance->enrol, 'status' => $instance->status,
                'sortorder' => $instance->sortorder, 'roleid' => $instance->roleid, 'customint1' => $instance->customint1,
                'customint2' => $instance->customint2,
            ];
        }
        return $answer;
    }

    /** @return external_multiple_structure */
    public static function get_enrol_instances_returns(): external_multiple_structure {
        return new external_multiple_structure(new external_single_structure([
            'id' => new external_value(PARAM_INT, 'instance id'),
            'courseid' => new external_value(PARAM_INT, 'course id'),
            'enrol' => new external_value(PARAM_PLUGIN, 'method'),
            'status' => new external_value(PARAM_INT, '0 enabled, 1 disabled'),
            'sortorder' => new external_value(PARAM_INT, 'order in the course'),
            'roleid' => new external_value(PARAM_INT, 'default role'),
            'customint1' => new external_value(PARAM_INT, 'cohort of a cohort instance', VALUE_OPTIONAL),
            'customint2' => new external_value(PARAM_INT, 'group of a cohort instance', VALUE_OPTIONAL),
        ]));
    }

    /** @return external_function_parameters */
    public static function get_user_enrolments_parameters(): external_function_parameters {
        $ids = fn($what) => new external_multiple_structure(new external_value(PARAM_INT, "$what id"), '', VALUE_DEFAULT, []);
        return new external_function_parameters([
            'courseids' => $ids('course'),
            'userids' => $ids('user'),
            'pairs' => new external_multiple_structure(new external_single_structure([
                'courseid' => new external_value(PARAM_INT, 'course id'),
                'userid' => new external_value(PARAM_INT, 'user id'),
            ]), 'exact course and user pairs', VALUE_DEFAULT, []),
            'instanceids' => $ids('instance'),
        ]);
    }

    /**
     * User enrolments of any method and status: of exact pairs, of every course with every user, or of instances.
     *
     * @param array $courseids
     * @param array $userids
     * @param array $pairs
     * @param array $instanceids
     * @return array
     */
    public static function get_user_enrolments(array $courseids = [], array $userids = [], array $pairs = [], array $instanceids = []): array {
        global $DB;
        $params = self::validate_parameters(self::get_user_enrolments_parameters(), compact('courseids', 'userids', 'pairs', 'instanceids'));
        $select = 'SELECT ue.id, ue.enrolid, e.courseid, ue.userid, ue.status, ue.timestart, ue.timeend
                     FROM {user_enrolments} ue JOIN {enrol} e ON e.id = ue.enrolid';
        $rows = [];
        if ($params['pairs']) {
            foreach ($params['pairs'] as $pair) {
                $rows += $DB->get_records_sql("$select WHERE e.courseid = :courseid AND ue.userid = :userid", $pair);
            }
        } else if ($params['instanceids']) {
            [$sql, $in] = $DB->get_in_or_equal($params['instanceids'], SQL_PARAMS_NAMED);
            $rows = $DB->get_records_sql("$select WHERE ue.enrolid $sql", $in);
        } else if ($params['courseids'] && $params['userids']) {
            [$courses, $in1] = $DB->get_in_or_equal($params['courseids'], SQL_PARAMS_NAMED, 'c');
            [$users, $in2] = $DB->get_in_or_equal($params['userids'], SQL_PARAMS_NAMED, 'u');
            $rows = $DB->get_records_sql("$select WHERE e.courseid $courses AND ue.userid $users", $in1 + $in2);
        }
        $checked = [];
        $answer = [];
        foreach ($rows as $row) {
            if (!isset($checked[$row->courseid])) {
                $context = context_course::instance($row->courseid);
                self::validate_context($context);
                require_capability('moodle/course:enrolreview', $context);
                $checked[$row->courseid] = true;
            }
            $answer[] = ['enrolid' => $row->enrolid, 'courseid' => $row->courseid, 'userid' => $row->userid, 'status' => $row->status,
                'timestart' => $row->timestart, 'timeend' => $row->timeend];
        }
        return $answer;
    }

    /** @return external_multiple_structure */
    public static function get_user_enrolments_returns(): external_multiple_structure {
        return new external_multiple_structure(new external_single_structure([
            'enrolid' => new external_value(PARAM_INT, 'instance id'),
            'courseid' => new external_value(PARAM_INT, 'course id'),
            'userid' => new external_value(PARAM_INT, 'user id'),
            'status' => new external_value(PARAM_INT, '0 active, 1 suspended'),
            'timestart' => new external_value(PARAM_INT, 'start, 0 for none'),
            'timeend' => new external_value(PARAM_INT, 'end, 0 for none'),
        ]));
    }

    /** @return external_function_parameters */
    public static function enrol_users_parameters(): external_function_parameters {
        return new external_function_parameters([
            'items' => new external_multiple_structure(new external_single_structure([
                'enrolid' => new external_value(PARAM_INT, 'instance id'),
                'userid' => new external_value(PARAM_INT, 'user id'),
                'roleid' => new external_value(PARAM_INT, 'role given with the enrolment'),
                'timestart' => new external_value(PARAM_INT, 'start, 0 for none', VALUE_DEFAULT, 0),
                'timeend' => new external_value(PARAM_INT, 'end, 0 for none', VALUE_DEFAULT, 0),
                'suspend' => new external_value(PARAM_BOOL, 'suspended', VALUE_DEFAULT, false),
            ])),
        ]);
    }

    /**
     * Enrols through any instance, as enrol_plugin::enrol_user does; an existing enrolment is updated (added false).
     *
     * @param array $items
     * @return array
     */
    public static function enrol_users(array $items): array {
        global $DB;
        $params = self::validate_parameters(self::enrol_users_parameters(), ['items' => $items]);
        $answer = [];
        foreach ($params['items'] as $item) {
            $instance = self::instance($item['enrolid']);
            if (!$instance) {
                $answer[] = item::refused('enrolinstancenotfound', "No enrolment instance with id {$item['enrolid']}", ['instanceId' => $item['enrolid']]);
                continue;
            }
            if (!$DB->record_exists('user', ['id' => $item['userid'], 'deleted' => 0])) {
                $answer[] = item::refused('usernotfound', "No user with id {$item['userid']}", ['id' => $item['userid']]);
                continue;
            }
            $context = context_course::instance($instance->courseid);
            self::validate_context($context);
            require_capability('moodle/course:enrolconfig', $context);
            require_capability('moodle/role:assign', $context);
            $existed = $DB->record_exists('user_enrolments', ['enrolid' => $instance->id, 'userid' => $item['userid']]);
            enrol_get_plugin($instance->enrol)->enrol_user($instance, $item['userid'], $item['roleid'], $item['timestart'], $item['timeend'],
                $item['suspend'] ? ENROL_USER_SUSPENDED : ENROL_USER_ACTIVE);
            $answer[] = item::ok(['added' => !$existed]);
        }
        return $answer;
    }

    /** @return external_multiple_structure */
    public static function enrol_users_returns(): external_multiple_structure {
        return item::returns(['added' => new external_value(PARAM_BOOL, 'false when the user was enrolled already', VALUE_OPTIONAL)]);
    }

    /** @return external_function_parameters */
    public static function update_user_enrolments_parameters(): external_function_parameters {
        return new external_function_parameters([
            'enrolments' => new external_multiple_structure(new external_single_structure([
                'enrolid' => new external_value(PARAM_INT, 'instance id'),
                'userid' => new external_value(PARAM_INT, 'user id'),
                'status' => new external_value(PARAM_INT, '0 active, 1 suspended; absent: kept', VALUE_OPTIONAL),
                'timestart' => new external_value(PARAM_INT, 'absent: kept', VALUE_OPTIONAL),
                'timeend' => new external_value(PARAM_INT, 'absent: kept', VALUE_OPTIONAL),
            ])),
        ]);
    }

    /**
     * Changes status and dates of existing user enrolments, only the fields given.
     *
     * @param array $enrolments
     * @return array
     */
    public static function update_user_enrolments(array $enrolments): array {
        global $DB;
        $params = self::validate_parameters(self::update_user_enrolments_parameters(), ['enrolments' => $enrolments]);
        $answer = [];
        foreach ($params['enrolments'] as $item) {
            $instance = self::instance($item['enrolid']);
            $ue = $instance ? $DB->get_record('user_enrolments', ['enrolid' => $instance->id, 'userid' => $item['userid']]) : false;
            if (!$ue) {
                $answer[] = item::refused('enrolmentnotfound', "User {$item['userid']} is not enrolled through enrolment instance {$item['enrolid']}",
                    ['instanceId' => $item['enrolid'], 'userId' => $item['userid']]);
                continue;
            }
            $context = context_course::instance($instance->courseid);
            self::validate_context($context);
            require_capability('moodle/course:enrolreview', $context);
            $status = $item['status'] ?? $ue->status;
            $timestart = $item['timestart'] ?? $ue->timestart;
            $timeend = $item['timeend'] ?? $ue->timeend;
            $changed = $status != $ue->status || $timestart != $ue->timestart || $timeend != $ue->timeend;
            if ($changed) {
                enrol_get_plugin($instance->enrol)->update_user_enrol($instance, $item['userid'], $status, $timestart, $timeend);
            }
            $answer[] = item::ok(['changed' => $changed]);
        }
        return $answer;
    }

    /** @return external_multiple_structure */
    public static function update_user_enrolments_returns(): external_multiple_structure {
        return item::returns(['changed' => new external_value(PARAM_BOOL, 'false when nothing differed', VALUE_OPTIONAL)]);
    }

    /** @return external_function_parameters */
    public static function unenrol_users_parameters(): external_function_parameters {
        return new external_function_parameters([
            'enrolments' => new external_multiple_structure(new external_single_structure([
                'enrolid' => new external_value(PARAM_INT, 'instance id'),
                'userid' => new external_value(PARAM_INT, 'user id'),
            ])),
        ]);
    }

    /**
     * Unenrols as enrol_plugin::unenrol_user (roles of the instance, and the last enrolment's groups and roles, go).
     *
     * @param array $enrolments
     * @return array
     */
    public static function unenrol_users(array $enrolments): array {
        global $DB;
        $params = self::validate_parameters(self::unenrol_users_parameters(), ['enrolments' => $enrolments]);
        $answer = [];
        foreach ($params['enrolments'] as $item) {
            $instance = self::instance($item['enrolid']);
            if (!$instance) {
                $answer[] = item::refused('enrolinstancenotfound', "No enrolment instance with id {$item['enrolid']}", ['instanceId' => $item['enrolid']]);
                continue;
            }
            $context = context_course::instance($instance->courseid);
            self::validate_context($context);
            require_capability('moodle/course:enrolreview', $context);
            $existed = $DB->record_exists('user_enrolments', ['enrolid' => $instance->id, 'userid' => $item['userid']]);
            if ($existed) {
                enrol_get_plugin($instance->enrol)->unenrol_user($instance, $item['userid']);
            }
            $answer[] = item::ok(['removed' => $existed]);
        }
        return $answer;
    }

    /** @return external_multiple_structure */
    public static function unenrol_users_returns(): external_multiple_structure {
        return item::returns(['removed' => new external_value(PARAM_BOOL, 'false when the user was not enrolled', VALUE_OPTIONAL)]);
    }

    /**
     * An enrolment instance, or false.
     *
     * @param int $id
     * @return \stdClass|false
     */
    private static function instance(int $id) {
        global $DB;
        return $DB->get_record('enrol', ['id' => $id]);
    }
}
