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
 * Group memberships with their component: core reads them without it and writes manual ones only.
 *
 * @package    local_toolsync
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class group_members extends external_api {
    /** @return external_function_parameters */
    public static function get_group_members_parameters(): external_function_parameters {
        return new external_function_parameters([
            'groupids' => new external_multiple_structure(new external_value(PARAM_INT, 'group id')),
            'userids' => new external_multiple_structure(new external_value(PARAM_INT, 'user id'), 'empty: every member', VALUE_DEFAULT, []),
        ]);
    }

    /**
     * Memberships of groups, an unknown group having none.
     *
     * @param array $groupids
     * @param array $userids
     * @return array
     */
    public static function get_group_members(array $groupids, array $userids = []): array {
        global $DB;
        $params = self::validate_parameters(self::get_group_members_parameters(), compact('groupids', 'userids'));
        $answer = [];
        foreach ($params['groupids'] as $groupid) {
            $group = $DB->get_record('groups', ['id' => $groupid]);
            if (!$group) {
                continue;
            }
            $context = context_course::instance($group->courseid);
            self::validate_context($context);
            require_capability('moodle/course:managegroups', $context);
            foreach ($DB->get_records('groups_members', ['groupid' => $groupid], 'userid') as $member) {
                if (!$params['userids'] || in_array($member->userid, $params['userids'])) {
                    $answer[] = ['groupid' => $groupid, 'userid' => $member->userid, 'component' => $member->component];
                }
            }
        }
        return $answer;
    }

    /** @return external_multiple_structure */
    public static function get_group_members_returns(): external_multiple_structure {
        return new external_multiple_structure(new external_single_structure([
            'groupid' => new external_value(PARAM_INT, 'group id'),
            'userid' => new external_value(PARAM_INT, 'user id'),
            'component' => new external_value(PARAM_COMPONENT, 'owner, empty for manual memberships'),
        ]));
    }

    /** @return external_function_parameters */
    public static function add_group_members_parameters(): external_function_parameters {
        return self::member_items();
    }

    /**
     * Adds memberships owned by the item's component; a member already answers added false.
     *
     * @param array $items
     * @return array
     */
    public static function add_group_members(array $items): array {
        global $CFG, $DB;
        require_once($CFG->dirroot . '/group/lib.php');
        $params = self::validate_parameters(self::member_items(), ['items' => $items]);
        $answer = [];
        foreach ($params['items'] as $item) {
            [$group, $refusal] = self::group_and_user($item);
            if ($refusal) {
                $answer[] = $refusal;
                continue;
            }
            if ($DB->record_exists('groups_members', ['groupid' => $group->id, 'userid' => $item['userid']])) {
                $answer[] = item::ok(['added' => false]);
                continue;
            }
            if (!is_enrolled(context_course::instance($group->courseid), $item['userid'])) {
                $answer[] = item::refused('usernotenrolled',
                    "User {$item['userid']} is not enrolled in course {$group->courseid}, so cannot be added to its group {$group->id}",
                    ['userId' => $item['userid'], 'courseId' => $group->courseid, 'groupId' => $group->id]);
                continue;
            }
            groups_add_member($group, $item['userid'], $item['component']);
            $answer[] = item::ok(['added' => true]);
        }
        return $answer;
    }

    /** @return external_multiple_structure */
    public static function add_group_members_returns(): external_multiple_structure {
        return item::returns(['added' => new external_value(PARAM_BOOL, 'false when the user was a member already', VALUE_OPTIONAL)]);
    }

    /** @return external_function_parameters */
    public static function delete_group_members_parameters(): external_function_parameters {
        return self::member_items();
    }

    /**
     * Removes memberships of the item's component only; another component's membership is refused.
     *
     * @param array $items
     * @return array
     */
    public static function delete_group_members(array $items): array {
        global $CFG, $DB;
        require_once($CFG->dirroot . '/group/lib.php');
        $params = self::validate_parameters(self::member_items(), ['items' => $items]);
        $answer = [];
        foreach ($params['items'] as $item) {
            [$group, $refusal] = self::group_and_user($item);
            if ($refusal) {
                $answer[] = $refusal;
                continue;
            }
            $member = $DB->get_record('groups_members', ['groupid' => $group->id, 'userid' => $item['userid']]);
            if (!$member) {
                $answer[] = item::ok(['removed' => false]);
                continue;
            }
            if ($member->component !== $item['component']) {
                $message = $member->component
                    ? "Membership of user {$item['userid']} in group {$group->id} is owned by \"{$member->component}\" and cannot be removed"
                    : "Membership of user {$item['userid']} in group {$group->id} is a manual one and cannot be removed by \"{$item['component']}\"";
                $answer[] = item::refused('membershipprotected', $message,
                    ['userId' => $item['userid'], 'groupId' => $group->id, 'component' => $member->component, 'requester' => $item['component']]);
                continue;
            }
            // The component's own removal: groups_remove_member_allowed() would refuse any owned membership.
            $DB->delete_records('groups_members', ['id' => $member->id]);
            \core\event\group_member_removed::create([
                'context' => context_course::instance($group->courseid), 'objectid' => $group->id, 'relateduserid' => $item['userid'],
            ])->trigger();
            $answer[] = item::ok(['removed' => true]);
        }
        return $answer;
    }

    /** @return external_multiple_structure */
    public static function delete_group_members_returns(): external_multiple_structure {
        return item::returns(['removed' => new external_value(PARAM_BOOL, 'false when the user was not a member', VALUE_OPTIONAL)]);
    }

    /** @return external_function_parameters */
    private static function member_items(): external_function_parameters {
        return new external_function_parameters([
            'items' => new external_multiple_structure(new external_single_structure([
                'groupid' => new external_value(PARAM_INT, 'group id'),
                'userid' => new external_value(PARAM_INT, 'user id'),
                'component' => new external_value(PARAM_COMPONENT, 'owner, empty for a manual membership', VALUE_DEFAULT, ''),
            ])),
        ]);
    }

    /**
     * The item's group after the capability check, or the item's refusal.
     *
     * @param array $item
     * @return array [group or null, refusal or null]
     */
    private static function group_and_user(array $item): array {
        global $DB;
        $group = $DB->get_record('groups', ['id' => $item['groupid']]);
        if (!$group) {
            return [null, item::refused('groupnotfound', "No group with id {$item['groupid']}", ['groupId' => $item['groupid']])];
        }
        if (!$DB->record_exists('user', ['id' => $item['userid'], 'deleted' => 0])) {
            return [null, item::refused('usernotfound', "No user with id {$item['userid']}", ['id' => $item['userid']])];
        }
        $context = context_course::instance($group->courseid);
        self::validate_context($context);
        require_capability('moodle/course:managegroups', $context);
        return [$group, null];
    }
}
