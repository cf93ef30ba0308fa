<?php
// This file is part of tool-sync's companion plugin for Moodle - https://moodle.org/
//
// Moodle is free software: you can redistribute it and/or modify
// it under the terms of the GNU General Public License as published by
// the Free Software Foundation, either version 3 of the License, or
// (at your option) any later version.
namespace local_toolsync\external;

use context_system;
use core\message\message;
use core_external\external_api;
use core_external\external_function_parameters;
use core_external\external_multiple_structure;
use core_external\external_single_structure;
use core_external\external_value;

/**
 * A notification to users through the plugin's message provider `syncreport` (e-mail, popup… as each user's
 * preferences say): core only sends personal messages from the web service user.
 *
 * @package    local_toolsync
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class notifications extends external_api {
    /** @return external_function_parameters */
    public static function send_notification_parameters(): external_function_parameters {
        return new external_function_parameters([
            'userids' => new external_multiple_structure(new external_value(PARAM_INT, 'recipient')),
            'subject' => new external_value(PARAM_TEXT, 'subject'),
            'fullmessage' => new external_value(PARAM_RAW, 'plain text'),
            'fullmessagehtml' => new external_value(PARAM_RAW, 'HTML, empty for none', VALUE_DEFAULT, ''),
            'contexturl' => new external_value(PARAM_URL, 'link of the notification', VALUE_DEFAULT, ''),
        ]);
    }

    /**
     * Sends one notification to each user.
     *
     * @param array $userids
     * @param string $subject
     * @param string $fullmessage
     * @param string $fullmessagehtml
     * @param string $contexturl
     * @return array
     */
    public static function send_notification(array $userids, string $subject, string $fullmessage, string $fullmessagehtml = '', string $contexturl = ''): array {
        global $DB;
        $params = self::validate_parameters(self::send_notification_parameters(), compact('userids', 'subject', 'fullmessage', 'fullmessagehtml', 'contexturl'));
        $context = context_system::instance();
        self::validate_context($context);
        require_capability('moodle/site:sendmessage', $context);
        $answer = [];
        foreach ($params['userids'] as $userid) {
            $user = $DB->get_record('user', ['id' => $userid, 'deleted' => 0]);
            if (!$user) {
                $answer[] = ['userid' => $userid, 'sent' => false];
                continue;
            }
            $message = new message();
            $message->component = 'local_toolsync';
            $message->name = 'syncreport';
            $message->userfrom = \core_user::get_noreply_user();
            $message->userto = $user;
            $message->subject = $params['subject'];
            $message->fullmessage = $params['fullmessage'];
            $message->fullmessageformat = FORMAT_PLAIN;
            $message->fullmessagehtml = $params['fullmessagehtml'];
            $message->smallmessage = $params['subject'];
            $message->notification = 1;
            $message->contexturl = $params['contexturl'] ?: null;
            $answer[] = ['userid' => $userid, 'sent' => (bool)message_send($message)];
        }
        return $answer;
    }

    /** @return external_multiple_structure */
    public static function send_notification_returns(): external_multiple_structure {
        return new external_multiple_structure(new external_single_structure([
            'userid' => new external_value(PARAM_INT, 'recipient'),
            'sent' => new external_value(PARAM_BOOL, 'whether it was sent'),
        ]));
    }
}
