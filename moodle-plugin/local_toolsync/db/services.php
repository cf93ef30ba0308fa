<?php
// This file is part of tool-sync's companion plugin for Moodle - https://moodle.org/
//
// Moodle is free software: you can redistribute it and/or modify
// it under the terms of the GNU General Public License as published by
// the Free Software Foundation, either version 3 of the License, or
// (at your option) any later version.

/**
 * The plugin's functions, and the pre-built external service "tool_sync" declaring every function tool-sync calls.
 *
 * @package    local_toolsync
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

defined('MOODLE_INTERNAL') || die();

$toolsyncfunctions = [
    'get_roles' => ['roles', 'read', 'moodle/role:review'],
    'get_course_roles' => ['roles', 'read', 'moodle/role:review'],
    'assign_roles' => ['roles', 'write', 'moodle/role:assign'],
    'unassign_roles' => ['roles', 'write', 'moodle/role:assign'],
    'get_profile_fields' => ['profile_fields', 'read', 'moodle/user:viewalldetails'],
    'create_profile_fields' => ['profile_fields', 'write', 'moodle/site:config'],
    'get_cohorts' => ['cohorts', 'read', 'moodle/cohort:view'],
    'add_cohort_instances' => ['cohorts', 'write', 'moodle/course:enrolconfig, enrol/cohort:config'],
    'set_enrol_instances_status' => ['cohorts', 'write', 'moodle/course:enrolconfig'],
    'delete_enrol_instances' => ['cohorts', 'write', 'moodle/course:enrolconfig'],
    'sync_cohort_enrolments' => ['cohorts', 'write', 'enrol/cohort:config'],
    'get_enrol_instances' => ['enrolments', 'read', 'moodle/course:enrolreview'],
    'get_user_enrolments' => ['enrolments', 'read', 'moodle/course:enrolreview'],
    'enrol_users' => ['enrolments', 'write', 'moodle/course:enrolconfig, moodle/role:assign'],
    'update_user_enrolments' => ['enrolments', 'write', 'moodle/course:enrolreview'],
    'unenrol_users' => ['enrolments', 'write', 'moodle/course:enrolreview'],
    'get_group_members' => ['group_members', 'read', 'moodle/course:managegroups'],
    'add_group_members' => ['group_members', 'write', 'moodle/course:managegroups'],
    'delete_group_members' => ['group_members', 'write', 'moodle/course:managegroups'],
    'reset_course' => ['courses', 'write', 'moodle/course:reset'],
    'restore_course' => ['courses', 'write', 'moodle/restore:restorecourse, moodle/course:create'],
    'replace_course_content' => ['courses', 'write', 'moodle/backup:backuptargetimport, moodle/restore:restoretargetimport'],
    'send_notification' => ['notifications', 'write', 'moodle/site:sendmessage'],
    'get_courses' => ['course_settings', 'read', 'moodle/course:view'],
    'get_course_sections' => ['course_settings', 'read', 'moodle/course:view'],
    'save_course_sections' => ['course_settings', 'write', 'moodle/course:update'],
    'add_enrol_instances' => ['course_settings', 'write', 'moodle/course:enrolconfig'],
    'delete_categories' => ['course_settings', 'write', 'moodle/category:manage'],
    'hide_categories' => ['course_settings', 'write', 'moodle/category:manage'],
    'get_hosted_users' => ['pictures', 'read', 'moodle/user:viewdetails'],
    'get_user_pictures' => ['pictures', 'read', 'moodle/user:viewdetails'],
];

$functions = [];
foreach ($toolsyncfunctions as $name => [$class, $type, $capabilities]) {
    $functions['local_toolsync_' . $name] = [
        'classname' => 'local_toolsync\\external\\' . $class,
        'methodname' => $name,
        'description' => 'tool-sync: ' . str_replace('_', ' ', $name),
        'type' => $type,
        'capabilities' => $capabilities,
    ];
}

$services = [
    'tool-sync' => [
        'shortname' => 'tool_sync',
        'functions' => array_merge(array_keys($functions), [
            'core_webservice_get_site_info',
            'core_user_get_users_by_field', 'core_user_create_users', 'core_user_update_users', 'core_user_delete_users',
            'core_user_update_picture', 'core_course_get_courses_by_field', 'core_course_create_courses', 'core_course_update_courses',
            'core_course_delete_courses', 'core_course_get_categories', 'core_course_create_categories', 'core_course_duplicate_course',
            'core_course_import_course',
            'enrol_manual_enrol_users', 'enrol_manual_unenrol_users', 'enrol_meta_add_instances',
            'enrol_meta_delete_instances', 'core_role_assign_roles', 'core_role_unassign_roles',
            'core_group_get_course_groups', 'core_group_get_groups', 'core_group_create_groups', 'core_group_update_groups',
            'core_group_delete_groups', 'core_group_get_group_members', 'core_group_add_group_members', 'core_group_delete_group_members',
            'core_group_get_course_groupings', 'core_group_get_groupings', 'core_group_create_groupings', 'core_group_update_groupings',
            'core_group_delete_groupings', 'core_group_assign_grouping', 'core_group_unassign_grouping',
            'core_cohort_create_cohorts', 'core_cohort_update_cohorts', 'core_cohort_delete_cohorts', 'core_cohort_search_cohorts',
            'core_cohort_add_cohort_members', 'core_cohort_delete_cohort_members', 'core_cohort_get_cohort_members',
        ]),
        'enabled' => 1,
        'restrictedusers' => 1,
        'uploadfiles' => 1,
        'downloadfiles' => 1,
    ],
];
