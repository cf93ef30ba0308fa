import { formatMessage, type Bilingual, type Lang } from '../../errors.js';
import type { PlatformCourse, PlatformUser } from '../../platform/operations.js';
import type { ProcessorContext, RowOutcome } from '../processor.js';
import { GROUPS_MESSAGES } from './groups-messages.js';

/** A report line in a mail: `line 12: User jdoe added to group "A" of course ALG101`. */
const MAIL_LINE: Bilingual = { en: 'line {line}: {message}', fr: 'ligne {line} : {message}' };

/** The role whose holders get the report of their course (Moodle's "Teacher"). */
const TEACHER_ROLE = 'editingteacher';

/** French for `fr`, `fr_ca`, `fr-CA`…; English for every other language (as the mail templates choose). */
function mailLang(lang: string): Lang {
  return /^fr(?:$|[_-])/iu.test(lang.trim()) ? 'fr' : 'en';
}

/**
 * The report lines of a run grouped by course, mailed at the end to the editing teachers of each course
 * (`groups_mailadmins`): one mail per teacher and course, in the teacher's language. Real runs only: a
 * simulation has no `sendMail`, and then nothing is even collected.
 */
export class CourseReports {
  readonly #byCourse = new Map<number, { course: PlatformCourse; outcomes: RowOutcome[] }>();
  readonly #context: ProcessorContext;
  readonly #send: NonNullable<ProcessorContext['sendMail']>;

  private constructor(context: ProcessorContext, send: NonNullable<ProcessorContext['sendMail']>) {
    this.#context = context;
    this.#send = send;
  }

  /** The collector of a run, or null when no report is to be mailed (setting off, or a simulation). */
  static open(context: ProcessorContext): CourseReports | null {
    if (!context.settings.bool('groups_mailadmins') || !context.sendMail) return null;
    return new CourseReports(context, context.sendMail);
  }

  /** Notes an outcome about a course (its report line and details go to the course's teachers). */
  add(course: PlatformCourse, outcome: RowOutcome): void {
    const entry = this.#byCourse.get(course.id) ?? { course, outcomes: [] };
    entry.outcomes.push(outcome);
    this.#byCourse.set(course.id, entry);
  }

  /** Mails each course's lines to its editing teachers, one notice per mail (sent or not) or missing teacher. */
  async send(file: string): Promise<void> {
    const { platform } = this.#context;
    const entries = [...this.#byCourse.values()];
    if (!entries.length) return;
    const roles = await platform.run('findRoles', { by: { shortname: [TEACHER_ROLE] } });
    const assignments = roles.length
      ? await platform.run('findCourseRoles', { courseIds: entries.map(({ course }) => course.id), roleIds: roles.map((role) => role.id) })
      : [];
    const userIds = [...new Set(assignments.map((assignment) => assignment.userId))];
    const users = userIds.length ? await platform.run('findUsers', { by: { id: userIds.map(String) } }) : [];
    const byId = new Map(users.map((user) => [user.id, user]));
    for (const { course, outcomes } of entries) {
      const teacherIds = [...new Set(assignments.filter((assignment) => assignment.courseId === course.id).map((assignment) => assignment.userId))].sort((a, b) => a - b);
      const teachers = teacherIds.flatMap((id) => byId.get(id) ?? []);
      if (!teachers.length) {
        await this.#context.notice('GROUPS_REPORT_NO_TEACHER', { course: course.shortname });
        continue;
      }
      for (const teacher of teachers) await this.#mail(teacher, course, outcomes, file);
    }
  }

  async #mail(teacher: PlatformUser, course: PlatformCourse, outcomes: readonly RowOutcome[], file: string): Promise<void> {
    if (!teacher.email) {
      await this.#context.notice('GROUPS_REPORT_NO_ADDRESS', { user: teacher.username, course: course.shortname });
      return;
    }
    const result = await this.#send({
      kind: 'courseReport',
      to: teacher.email,
      lang: teacher.lang,
      params: { firstname: teacher.firstname, lastname: teacher.lastname, course: course.shortname, file },
      list: reportLines(outcomes, mailLang(teacher.lang)),
    });
    if (result.ok) await this.#context.notice('GROUPS_REPORT_MAILED', { course: course.shortname, to: teacher.email });
    else await this.#context.notice('GROUPS_REPORT_MAIL_FAILED', { course: course.shortname, to: teacher.email, reason: result.reason });
  }
}

/** The lines of outcomes in a language: each row's line, then its details, in line order. */
function reportLines(outcomes: readonly RowOutcome[], lang: Lang): string[] {
  const text = (code: string, params: Readonly<Record<string, unknown>> = {}) => {
    const template = (GROUPS_MESSAGES as Readonly<Record<string, Bilingual>>)[code];
    return template ? formatMessage(template[lang], params) : code;
  };
  const line = (number: number, message: string) => formatMessage(MAIL_LINE[lang], { line: number, message });
  return [...outcomes]
    .sort((a, b) => a.row.line - b.row.line)
    .flatMap((outcome) => [
      line(outcome.row.line, text(outcome.code, outcome.params)),
      ...(outcome.details ?? []).map((detail) => line(outcome.row.line, text(detail.code, detail.params))),
    ]);
}
