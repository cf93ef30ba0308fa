<?php
// This file is part of tool-sync's companion plugin for Moodle - https://moodle.org/
//
// Moodle is free software: you can redistribute it and/or modify
// it under the terms of the GNU General Public License as published by
// the Free Software Foundation, either version 3 of the License, or
// (at your option) any later version.

/**
 * Issues a permanent token of the "tool_sync" service for a user, authorising the user for the service first.
 *
 * php local/toolsync/cli/create_token.php --username=toolsync
 *
 * @package    local_toolsync
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

define('CLI_SCRIPT', true);

require(__DIR__ . '/../../../config.php');
require_once($CFG->libdir . '/clilib.php');

[$options, $unrecognised] = cli_get_params(['username' => '', 'help' => false], ['h' => 'help']);
if ($options['help'] || $options['username'] === '' || $unrecognised) {
    cli_writeln('Issues a permanent web service token of the tool_sync service.');
    cli_writeln('Usage: php local/toolsync/cli/create_token.php --username=<web service user>');
    exit($options['help'] ? 0 : 2);
}

$user = core_user::get_user_by_username($options['username'], '*', null, MUST_EXIST);
$service = $DB->get_record('external_services', ['shortname' => 'tool_sync'], '*', MUST_EXIST);
if (!$DB->record_exists('external_services_users', ['externalserviceid' => $service->id, 'userid' => $user->id])) {
    $DB->insert_record('external_services_users', ['externalserviceid' => $service->id, 'userid' => $user->id, 'timecreated' => time()]);
}
$token = \core_external\util::generate_token(EXTERNAL_TOKEN_PERMANENT, $service, $user->id, context_system::instance(), 0, '', 'tool-sync');
cli_writeln($token);
