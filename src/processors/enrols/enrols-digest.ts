import type { PlatformCourse } from '../../platform/operations.js';
import type { ProcessorContext } from '../processor.js';
import type { RowProgress } from './enrols-progress.js';

const STUDENT = 'student';
const EDITING_TEACHER = 'editingteacher';

/**
 * `enrols_mailadmins` (decision 16): the students a run newly enrolled, by course; at the end of the run each
 * course's editing teachers get one mail listing them, in their own language. Simulations only say it.
 */
export class EnrolmentDigest {
  readonly #arrivals = new Map<number, { course: PlatformCourse; students: string[] }>();

  /** A row enrolled a user for the first time; counted when the role is student. */
  add(progress: RowProgress): void {
    const { course, user, roleRecord } = progress.resolved;
    if (roleRecord?.shortname !== STUDENT) return;
    const entry = this.#arrivals.get(course.id) ?? { course, students: [] };
    entry.students.push(`${user.firstname} ${user.lastname} (${user.username})`);
    this.#arrivals.set(course.id, entry);
  }

  async send(context: ProcessorContext): Promise<void> {
    if (!this.#arrivals.size) return;
    const { platform } = context;
    const [teacherRole] = await platform.run('findRoles', { by: { shortname: [EDITING_TEACHER] } });
    const assignments = teacherRole
      ? await platform.run('findCourseRoles', { courseIds: [...this.#arrivals.keys()], roleIds: [teacherRole.id] })
      : [];
    const teachers = await platform.run('findUsers', { by: { id: [...new Set(assignments.map((assignment) => String(assignment.userId)))] } });
    for (const { course, students } of this.#arrivals.values()) {
      const params = { course: course.shortname, count: students.length };
      if (!context.sendMail) {
        await context.notice('ENROLS_DIGEST_SIMULATED', params);
        continue;
      }
      const ids = new Set(assignments.filter((assignment) => assignment.courseId === course.id).map((assignment) => assignment.userId));
      const recipients = teachers.filter((teacher) => ids.has(teacher.id) && teacher.email && !teacher.suspended);
      if (!recipients.length) await context.notice('ENROLS_DIGEST_NO_TEACHER', params);
      for (const teacher of recipients) {
        const result = await context.sendMail({
          kind: 'enrolmentDigest',
          to: teacher.email,
          lang: teacher.lang,
          params: { firstname: teacher.firstname, lastname: teacher.lastname, course: course.fullname || course.shortname },
          list: students,
        });
        if (result.ok) await context.notice('ENROLS_DIGEST_SENT', { ...params, to: teacher.email });
        else await context.notice('ENROLS_DIGEST_FAILED', { ...params, to: teacher.email, reason: result.reason });
      }
    }
  }
}
