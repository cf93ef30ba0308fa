<?php
// This file is part of tool-sync's companion plugin for Moodle - https://moodle.org/
//
// Moodle is free software: you can redistribute it and/or modify
// it under the terms of the GNU General Public License as published by
// the Free Software Foundation, either version 3 of the License, or
// (at your option) any later version.
namespace local_toolsync\external;

use context_course;
use context_coursecat;
use core_course_category;
use core_external\external_api;
use core_external\external_function_parameters;
use core_external\external_multiple_structure;
use core_external\external_single_structure;
use core_external\external_value;
use local_toolsync\item;

/**
 * What core lacks for the course creation file and the category utilities: a course's whole record
 * (core_course_get_courses_by_field leaves out visibleold and some format options), sections with their own names
 * (core_course_get_contents answers the format's default name for an unnamed one), section names and summaries
 * written, self or guest instances added, and empty categories deleted (core_course_delete_categories moves the
 * content of a non-empty one instead of refusing it).
 *
 * @package    local_toolsync
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class course_settings extends external_api {
    /** Text settings of a course, as tool-sync reads them. */
    private const TEXT_FIELDS = ['fullname', 'shortname', 'idnumber', 'summary', 'format', 'lang', 'theme'];
    /** Whole-number settings of a course. */
    private const NUMBER_FIELDS = ['category', 'sortorder', 'showgrades', 'newsitems', 'startdate', 'enddate', 'marker', 'maxbytes',
        'legacyfiles', 'showreports', 'visible', 'visibleold', 'groupmode', 'enablecompletion', 'groupmodeforce', 'defaultgroupingid',
        'timecreated', 'timemodified'];

    /** @return external_function_parameters */
    public static function get_courses_parameters(): external_function_parameters {
        return new external_function_parameters([
            'courseids' => new external_multiple_structure(new external_value(PARAM_INT, 'course id')),
        ]);
    }

    /**
     * Every setting of the courses the caller may view, by id (unknown ids left out); coursedisplay from the format.
     *
     * @param array $courseids
     * @return array
     */
    public static function get_courses(array $courseids): array {
        global $DB;
        $params = self::validate_parameters(self::get_courses_parameters(), compact('courseids'));
        $answer = [];
        foreach ($DB->get_records_list('course', 'id', $params['courseids'], 'id') as $course) {
            $context = context_course::instance($course->id);
            self::validate_context($context);
            require_capability('moodle/course:view', $context);
            $row = ['id' => $course->id];
            foreach (self::TEXT_FIELDS as $field) {
                $row[$field] = (string)$course->$field;
            }
            foreach (self::NUMBER_FIELDS as $field) {
                $row[$field] = (int)$course->$field;
            }
            $options = course_get_format($course)->get_format_options();
            $row['coursedisplay'] = (int)($options['coursedisplay'] ?? 0);
            $answer[] = $row;
        }
        return $answer;
    }

    /** @return external_multiple_structure */
    public static function get_courses_returns(): external_multiple_structure {
        $fields = ['id' => new external_value(PARAM_INT, 'course id'), 'coursedisplay' => new external_value(PARAM_INT, 'format option')];
        foreach (self::TEXT_FIELDS as $field) {
            $fields[$field] = new external_value(PARAM_RAW, $field);
        }
        foreach (self::NUMBER_FIELDS as $field) {
            $fields[$field] = new external_value(PARAM_INT, $field);
        }
        return new external_multiple_structure(new external_single_structure($fields));
    }

    /** @return external_function_parameters */
    public static function get_course_sections_parameters(): external_function_parameters {
        return new external_function_parameters([
            'courseids' => new external_multiple_structure(new external_value(PARAM_INT, 'course id')),
        ]);
    }

    /**
     * The sections of the courses, by course then number; hasname 0 for a section without a name of its own.
     *
     * @param array $courseids
     * @return array
     */
    public static function get_course_sections(array $courseids): array {
        global $DB;
        $params = self::validate_parameters(self::get_course_sections_parameters(), compact('courseids'));
        if (!$params['courseids']) {
            return [];
        }
        foreach ($params['courseids'] as $courseid) {
            if ($DB->record_exists('course', ['id' => $courseid])) {
                $context = context_course::instance($courseid);
                self::validate_context($context);
                require_capability('moodle/course:view', $context);
            }
        }
        [$sql, $in] = $DB->get_in_or_equal($params['courseids']);
        $answer = [];
        foreach ($DB->get_records_select('course_sections', "course $sql", $in, 'course, section') as $section) {
            $answer[] = [
                'courseid' => $section->course, 'section' => $section->section, 'name' => (string)$section->name,
                'hasname' => $section->name === null ? 0 : 1, 'summary' => (string)$section->summary,
            ];
        }
        return $answer;
    }

    /** @return external_multiple_structure */
    public static function get_course_sections_returns(): external_multiple_structure {
        return new external_multiple_structure(new external_single_structure([
            'courseid' => new external_value(PARAM_INT, 'course id'),
            'section' => new external_value(PARAM_INT, 'section number, 0 the general section'),
            'name' => new external_value(PARAM_RAW, 'its own name'),
            'hasname' => new external_value(PARAM_INT, '0: no name of its own (the format names it)'),
            'summary' => new external_value(PARAM_RAW, 'summary'),
        ]));
    }

    /** @return external_function_parameters */
    public static function save_course_sections_parameters(): external_function_parameters {
        return new external_function_parameters([
            'items' => new external_multiple_structure(new external_single_structure([
                'courseid' => new external_value(PARAM_INT, 'course id'),
                'replace' => new external_value(PARAM_BOOL, 'remove the sections not listed', VALUE_DEFAULT, false),
                'count' => new external_value(PARAM_INT, 'sections 0..count must exist; -1 for no count', VALUE_DEFAULT, -1),
                'sections' => new external_multiple_structure(new external_single_structure([
                    'section' => new external_value(PARAM_INT, 'section number'),
                    'name' => new external_value(PARAM_RAW, 'name'),
                    'hasname' => new external_value(PARAM_BOOL, 'false: no name of its own'),
                    'summary' => new external_value(PARAM_RAW, 'summary'),
                ]), 'sections to write', VALUE_DEFAULT, []),
            ])),
        ]);
    }

    /**
     * Writes sections of courses, each course in its own transaction: listed ones created or overwritten, then missing
     * ones up to count created empty, then (replace) the others deleted as course_delete_section does.
     *
     * @param array $items
     * @return array
     */
    public static function save_course_sections(array $items): array {
        global $CFG, $DB;
        require_once($CFG->dirroot . '/course/lib.php');
        $params = self::validate_parameters(self::save_course_sections_parameters(), compact('items'));
        $answer = [];
        foreach ($params['items'] as $change) {
            $course = $DB->get_record('course', ['id' => $change['courseid']]);
            if (!$course) {
                $answer[] = item::refused('coursenotfound', "No course with id {$change['courseid']}", ['courseId' => $change['courseid']]);
                continue;
            }
            $context = context_course::instance($course->id);
            self::validate_context($context);
            require_capability('moodle/course:update', $context);
            $transaction = $DB->start_delegated_transaction();
            $listed = array_column($change['sections'], 'section');
            for ($number = 0; $number <= $change['count']; $number++) {
                $listed[] = $number;
            }
            // Creates the missing ones, empty and without a name, as the course format would.
            course_create_sections_if_missing($course, array_values(array_unique($listed)));
            foreach ($change['sections'] as $section) {
                $record = $DB->get_record('course_sections', ['course' => $course->id, 'section' => $section['section']], 'id', MUST_EXIST);
                $DB->update_record('course_sections', (object)[
                    'id' => $record->id, 'name' => $section['hasname'] ? $section['name'] : null, 'summary' => $section['summary'],
                    'timemodified' => time(),
                ]);
            }
            if ($change['replace']) {
                foreach ($DB->get_records('course_sections', ['course' => $course->id], 'section DESC') as $record) {
                    if ($record->section != 0 && !in_array((int)$record->section, $listed, true)) {
                        course_delete_section($course, $record, true);
                    }
                }
            }
            $transaction->allow_commit();
            rebuild_course_cache($course->id, true);
            $answer[] = item::ok();
        }
        return $answer;
    }

    /** @return external_multiple_structure */
    public static function save_course_sections_returns(): external_multiple_structure {
        return item::returns();
    }

    /** @return external_function_parameters */
    public static function add_enrol_instances_parameters(): external_function_parameters {
        return new external_function_parameters([
            'instances' => new external_multiple_structure(new external_single_structure([
                'courseid' => new external_value(PARAM_INT, 'course id'),
                'enrol' => new external_value(PARAM_PLUGIN, 'self, guest or manual'),
                'enabled' => new external_value(PARAM_BOOL, 'enabled'),
                'roleid' => new external_value(PARAM_INT, 'role given, 0 for the method default', VALUE_DEFAULT, 0),
            ])),
        ]);
    }

    /**
     * Adds instances of plain methods after the course's others, as the method's add_default_instance settings do.
     *
     * @param array $instances
     * @return array
     */
    public static function add_enrol_instances(array $instances): array {
        global $DB;
        $params = self::validate_parameters(self::add_enrol_instances_parameters(), compact('instances'));
        $answer = [];
        foreach ($params['instances'] as $item) {
            $course = $DB->get_record('course', ['id' => $item['courseid']]);
            if (!$course) {
                $answer[] = item::refused('coursenotfound', "No course with id {$item['courseid']}", ['courseId' => $item['courseid']], ['id' => 0]);
                continue;
            }
            if ($item['roleid'] && !$DB->record_exists('role', ['id' => $item['roleid']])) {
                $answer[] = item::refused('rolenotfound', "No role with id {$item['roleid']}", ['roleId' => $item['roleid']], ['id' => 0]);
                continue;
            }
            $plugin = enrol_get_plugin($item['enrol']);
            if (!$plugin) {
                $answer[] = item::refused('enrolpluginnotfound', "No enrolment method {$item['enrol']}", [], ['id' => 0]);
                continue;
            }
            $context = context_course::instance($course->id);
            self::validate_context($context);
            require_capability('moodle/course:enrolconfig', $context);
            $fields = ['status' => $item['enabled'] ? ENROL_INSTANCE_ENABLED : ENROL_INSTANCE_DISABLED];
            if ($item['roleid']) {
                $fields['roleid'] = $item['roleid'];
            }
            $answer[] = item::ok(['id' => $plugin->add_instance($course, $fields)]);
        }
        return $answer;
    }

    /** @return external_multiple_structure */
    public static function add_enrol_instances_returns(): external_multiple_structure {
        return item::returns(['id' => new external_value(PARAM_INT, 'instance id', VALUE_OPTIONAL)]);
    }

    /** @return external_function_parameters */
    public static function delete_categories_parameters(): external_function_parameters {
        return new external_function_parameters([
            'categoryids' => new external_multiple_structure(new external_value(PARAM_INT, 'category id')),
        ]);
    }

    /**
     * Deletes categories holding no course and no sub-category, in order (a child first lets its parent go after it);
     * any other is refused, nothing moved.
     *
     * @param array $categoryids
     * @return array
     */
    public static function delete_categories(array $categoryids): array {
        global $DB;
        $params = self::validate_parameters(self::delete_categories_parameters(), compact('categoryids'));
        $answer = [];
        foreach ($params['categoryids'] as $id) {
            $category = core_course_category::get($id, IGNORE_MISSING, true);
            if (!$category) {
                $answer[] = item::refused('categorynotfound', "No category with id {$id}", ['categoryId' => $id]);
                continue;
            }
            $context = context_coursecat::instance($id);
            self::validate_context($context);
            require_capability('moodle/category:manage', $context);
            if ($DB->record_exists('course', ['category' => $id]) || $DB->record_exists('course_categories', ['parent' => $id])) {
                $answer[] = item::refused('categorynotempty', "Category {$id} holds courses or sub-categories", ['categoryId' => $id]);
                continue;
            }
            $category->delete_full(false);
            $answer[] = item::ok();
        }
        return $answer;
    }

    /** @return external_multiple_structure */
    public static function delete_categories_returns(): external_multiple_structure {
        return item::returns();
    }

    /** @return external_function_parameters */
    public static function hide_categories_parameters(): external_function_parameters {
        return new external_function_parameters([
            'categoryids' => new external_multiple_structure(new external_value(PARAM_INT, 'category id')),
        ]);
    }

    /**
     * Hides categories (core_course_create_categories creates every category visible and no core function hides one).
     *
     * @param array $categoryids
     * @return array
     */
    public static function hide_categories(array $categoryids): array {
        $params = self::validate_parameters(self::hide_categories_parameters(), compact('categoryids'));
        $answer = [];
        foreach ($params['categoryids'] as $id) {
            $category = core_course_category::get($id, IGNORE_MISSING, true);
            if (!$category) {
                $answer[] = item::refused('categorynotfound', "No category with id {$id}", ['categoryId' => $id]);
                continue;
            }
            $context = context_coursecat::instance($id);
            self::validate_context($context);
            require_capability('moodle/category:manage', $context);
            $category->hide();
            $answer[] = item::ok();
        }
        return $answer;
    }

    /** @return external_multiple_structure */
    public static function hide_categories_returns(): external_multiple_structure {
        return item::returns();
    }
}
