<?php
// This file is part of tool-sync's companion plugin for Moodle - https://moodle.org/
//
// Moodle is free software: you can redistribute it and/or modify
// it under the terms of the GNU General Public License as published by
// the Free Software Foundation, either version 3 of the License, or
// (at your option) any later version.

namespace local_toolsync\external;

use context_course;
use context_system;
use core_external\external_api;
use core_external\external_function_parameters;
use core_external\external_multiple_structure;
use core_external\external_single_structure;
use core_external\external_value;
use local_toolsync\item;

/**
 * Roles: every role by shortname (no core function lists them), the role assignments of courses with their
 * component, and role assignments owned by a component (core_role_assign_roles writes manual ones only).
 *
 * @package    local_toolsync
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class roles extends external_api {
    /** @return external_function_parameters */
    public static function get_roles_parameters(): external_function_parameters {
        return new external_function_parameters([]);
    }

    /**
     * Every role of the site.
     *
     * @return array
     */
    public static function get_roles(): array {
        global $DB;
        $context = context_system::instance();
        self::validate_context($context);
        require_capability('moodle/role:review', $context);
        $roles = role_fix_names($DB->get_records('role', null, 'sortorder'), $context, ROLENAME_ORIGINAL);
        return array_values(array_map(fn($role) => ['id' => $role->id, 'shortname' => $role->shortname, 'name' => $role->localname], $roles));
    }

    /** @return external_multiple_structure */
    public static function get_roles_returns(): external_multiple_structure {
        return new external_multiple_structure(new external_single_structure([
            'id' => new external_value(PARAM_INT, 'role id'),
            'shortname' => new external_value(PARAM_ALPHANUMEXT, 'role shortname'),
            'name' => new external_value(PARAM_TEXT, 'role name'),
        ]));
    }

    /** @return external_function_parameters */
    public static function get_course_roles_parameters(): external_function_parameters {
        return new external_function_parameters([
            'courseids' => new external_multiple_structure(new external_value(PARAM_INT, 'course id')),
            'userids' => new external_multiple_structure(new external_value(PARAM_INT, 'user id'), 'empty: every user', VALUE_DEFAULT, []),
            'roleids' => new external_multiple_structure(new external_value(PARAM_INT, 'role id'), 'empty: every role', VALUE_DEFAULT, []),
        ]);
    }

    /**
     * Role assignments in course contexts, with their component.
     *
     * @param array $courseids
     * @param array $userids
     * @param array $roleids
     * @return array
     */
    public static function get_course_roles(array $courseids, array $userids = [], array $roleids = []): array {
        global $DB;
        $params = self::validate_parameters(self::get_course_roles_parameters(), compact('courseids', 'userids', 'roleids'));
        $answer = [];
        foreach ($params['courseids'] as $courseid) {
            $context = context_course::instance($courseid, IGNORE_MISSING);
            if (!$context) {
                continue;
            }
            self::validate_context($context);
            require_capability('moodle/role:review', $context);
            $conditions = ['contextid' => $context->id];
            foreach ($DB->get_records('role_assignments', $conditions, 'userid, roleid') as $ra) {
                if (($params['userids'] && !in_array($ra->userid, $params['userids'])) || ($params['roleids'] && !in_array($ra->roleid, $params['roleids']))) {
                    continue;
                }
                $answer[] = ['courseid' => $courseid, 'userid' => $ra->userid, 'roleid' => $ra->roleid, 'component' => $ra->component];
            }
        }
        return $answer;
    }

    /** @return external_multiple_structure */
    public static function get_course_roles_returns(): external_multiple_structure {
        return new external_multiple_structure(new external_single_structure([
            'courseid' => new external_value(PARAM_INT, 'course id'),
            'userid' => new external_value(PARAM_INT, 'user id'),
            'roleid' => new external_value(PARAM_INT, 'role id'),
            'component' => new external_value(PARAM_COMPONENT, 'owner, empty for manual assignments'),
        ]));
    }

    /** @return external_function_parameters */
    public static function assign_roles_parameters(): external_function_parameters {
        return self::role_items();
    }

    /**
     * Gives roles in course contexts, owned by the item's component; one already there answers added false.
     *
     * @param array $items
     * @return array
     */
    public static function assign_roles(array $items): array {
        return self::change_roles($items, true);
    }

    /** @return external_multiple_structure */
    public static function assign_roles_returns(): external_multiple_structure {
        return item::returns(['added' => new external_value(PARAM_BOOL, 'false when it was there already', VALUE_OPTIONAL)]);
    }

    /** @return external_function_parameters */
    public static function unassign_roles_parameters(): external_function_parameters {
        return self::role_items();
    }

    /**
     * Removes roles of the item's component in course contexts; absent answers removed false.
     *
     * @param array $items
     * @return array
     */
    public static function unassign_roles(array $items): array {
        return self::change_roles($items, false);
    }

    /** @return external_multiple_structure */
    public static function unassign_roles_returns(): external_multiple_structure {
        return item::returns(['removed' => new external_value(PARAM_BOOL, 'false when there was none', VALUE_OPTIONAL)]);
    }

    /** @return external_function_parameters */
    private static function role_items(): external_function_parameters {
        return new external_function_parameters([
            'items' => new external_multiple_structure(new external_single_structure([
                'courseid' => new external_value(PARAM_INT, 'course id'),
                'userid' => new external_value(PARAM_INT, 'user id'),
                'roleid' => new external_value(PARAM_INT, 'role id'),
                'component' => new external_value(PARAM_COMPONENT, 'owner, empty for a manual assignment', VALUE_DEFAULT, ''),
            ])),
        ]);
    }

    /**
     * Assigns or unassigns, each item on its own.
     *
     * @param array $items
     * @param bool $assign
     * @return array
     */
    private static function change_roles(array $items, bool $assign): array {
        global $DB;
        $params = self::validate_parameters(self::role_items(), ['items' => $items]);
        $answer = [];
        foreach ($params['items'] as $item) {
            $context = context_course::instance($item['courseid'], IGNORE_MISSING);
            if (!$context) {
                $answer[] = item::refused('coursenotfound', "No course with id {$item['courseid']}", ['courseId' => $item['courseid']]);
                continue;
            }
            if (!$DB->record_exists('user', ['id' => $item['userid'], 'deleted' => 0])) {
                $answer[] = item::refused('usernotfound', "No user with id {$item['userid']}", ['id' => $item['userid']]);
                continue;
            }
            if (!$DB->record_exists('role', ['id' => $item['roleid']])) {
                $answer[] = item::refused('rolenotfound', "No role with id {$item['roleid']}", ['roleId' => $item['roleid']]);
                continue;
            }
            self::validate_context($context);
            require_capability('moodle/role:assign', $context);
            $conditions = ['roleid' => $item['roleid'], 'userid' => $item['userid'], 'contextid' => $context->id, 'component' => $item['component']];
            $held = $DB->record_exists('role_assignments', $conditions);
            if ($assign) {
                if (!$held) {
                    role_assign($item['roleid'], $item['userid'], $context->id, $item['component']);
                }
                $answer[] = item::ok(['added' => !$held]);
            } else {
                if ($held) {
                    role_unassign($item['roleid'], $item['userid'], $context->id, $item['component']);
                }
                $answer[] = item::ok(['removed' => $held]);
            }
        }
        return $answer;
    }
}
