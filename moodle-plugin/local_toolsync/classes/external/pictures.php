<?php
// This file is part of tool-sync's companion plugin for Moodle - https://moodle.org/
//
// Moodle is free software: you can redistribute it and/or modify
// it under the terms of the GNU General Public License as published by
// the Free Software Foundation, either version 3 of the License, or
// (at your option) any later version.
namespace local_toolsync\external;

use context_system;
use context_user;
use core_external\external_api;
use core_external\external_function_parameters;
use core_external\external_multiple_structure;
use core_external\external_single_structure;
use core_external\external_value;

/**
 * What core lacks for the user pictures file: users of MNet hosts by username and host
 * (core_user_get_users_by_field matches the local host only and answers no mnethostid), and the pictures users
 * have (core answers only an icon URL, the theme's default one for a user without a picture).
 *
 * @package    local_toolsync
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class pictures extends external_api {
    /** The stored sizes of a picture (process_new_icon). */
    private const VARIANTS = ['f1', 'f2', 'f3'];

    /** @return external_function_parameters */
    public static function get_hosted_users_parameters(): external_function_parameters {
        return new external_function_parameters([
            'users' => new external_multiple_structure(new external_single_structure([
                'username' => new external_value(PARAM_USERNAME, 'username'),
                'mnethostid' => new external_value(PARAM_INT, 'MNet host id'),
            ])),
        ]);
    }

    /**
     * Users by username and host, deleted accounts never.
     *
     * @param array $users
     * @return array
     */
    public static function get_hosted_users(array $users): array {
        global $DB;
        $params = self::validate_parameters(self::get_hosted_users_parameters(), compact('users'));
        $context = context_system::instance();
        self::validate_context($context);
        require_capability('moodle/user:viewdetails', $context);
        $answer = [];
        foreach ($params['users'] as $wanted) {
            $user = $DB->get_record('user', ['username' => $wanted['username'], 'mnethostid' => $wanted['mnethostid'], 'deleted' => 0]);
            if (!$user) {
                continue;
            }
            $answer[] = [
                'id' => $user->id, 'username' => $user->username, 'firstname' => $user->firstname, 'lastname' => $user->lastname,
                'email' => $user->email, 'idnumber' => $user->idnumber, 'auth' => $user->auth, 'suspended' => $user->suspended,
                'institution' => $user->institution, 'department' => $user->department, 'city' => $user->city, 'country' => $user->country,
                'lang' => $user->lang, 'timezone' => $user->timezone, 'mnethostid' => $user->mnethostid,
            ];
        }
        return $answer;
    }

    /** @return external_multiple_structure */
    public static function get_hosted_users_returns(): external_multiple_structure {
        $text = fn($what) => new external_value(PARAM_RAW, $what);
        return new external_multiple_structure(new external_single_structure([
            'id' => new external_value(PARAM_INT, 'user id'), 'username' => $text('username'), 'firstname' => $text('first name'),
            'lastname' => $text('last name'), 'email' => $text('e-mail'), 'idnumber' => $text('idnumber'), 'auth' => $text('auth'),
            'suspended' => new external_value(PARAM_INT, 'suspended'), 'institution' => $text('institution'),
            'department' => $text('department'), 'city' => $text('city'), 'country' => $text('country'), 'lang' => $text('lang'),
            'timezone' => $text('timezone'), 'mnethostid' => new external_value(PARAM_INT, 'MNet host id'),
        ]));
    }

    /** @return external_function_parameters */
    public static function get_user_pictures_parameters(): external_function_parameters {
        return new external_function_parameters([
            'userids' => new external_multiple_structure(new external_value(PARAM_INT, 'user id')),
            'variant' => new external_value(PARAM_ALPHANUM, 'f1, f2 or f3 for its bytes, empty for none', VALUE_DEFAULT, ''),
        ]);
    }

    /**
     * The pictures the users have (users without one left out), with the bytes of one size (base64) when asked.
     *
     * @param array $userids
     * @param string $variant
     * @return array
     */
    public static function get_user_pictures(array $userids, string $variant = ''): array {
        global $DB;
        $params = self::validate_parameters(self::get_user_pictures_parameters(), compact('userids', 'variant'));
        $system = context_system::instance();
        self::validate_context($system);
        require_capability('moodle/user:viewdetails', $system);
        $storage = get_file_storage();
        $answer = [];
        foreach (array_unique($params['userids']) as $userid) {
            $user = $DB->get_record('user', ['id' => $userid, 'deleted' => 0]);
            if (!$user || !$user->picture) {
                continue;
            }
            $context = context_user::instance($userid);
            $files = [];
            $timemodified = 0;
            foreach (self::VARIANTS as $name) {
                $file = $storage->get_file($context->id, 'user', 'icon', 0, '/', "$name.png") ?: $storage->get_file($context->id, 'user', 'icon', 0, '/', "$name.jpg");
                if (!$file) {
                    continue;
                }
                $timemodified = max($timemodified, (int)$file->get_timemodified());
                $files[] = [
                    'variant' => $name, 'mimetype' => $file->get_mimetype(),
                    'content' => $name === $params['variant'] ? base64_encode($file->get_content()) : '',
                ];
            }
            if ($files) {
                $answer[] = ['userid' => $userid, 'timemodified' => $timemodified, 'files' => $files];
            }
        }
        return $answer;
    }

    /** @return external_multiple_structure */
    public static function get_user_pictures_returns(): external_multiple_structure {
        return new external_multiple_structure(new external_single_structure([
            'userid' => new external_value(PARAM_INT, 'user id'),
            'timemodified' => new external_value(PARAM_INT, 'last change'),
            'files' => new external_multiple_structure(new external_single_structure([
                'variant' => new external_value(PARAM_ALPHANUM, 'f1, f2 or f3'),
                'mimetype' => new external_value(PARAM_RAW, 'image/png or image/jpeg'),
                'content' => new external_value(PARAM_RAW, 'base64 bytes of the asked size, else empty'),
            ])),
        ]));
    }
}
