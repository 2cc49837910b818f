import { Injectable } from '@nestjs/common';
import { CourseAccess } from '../catalog/course-access.service';
import { AttendanceRepository } from './attendance.repository';
import { isCheckInOpen, isWithin } from './attendance-rules';
import { CheckInPolicy } from './check-in-policy.service';
import { type CheckInPageState, renderCheckInPage, renderCheckInProblem } from './check-in.page';
import { CHECK_IN_SCRIPT_PATH, CHECK_IN_SCRIPT_VERSION } from './check-in.script';
import type { ClassSession } from './entities/class-session.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Longest code kept from the link; the check-in API refuses longer input anyway. */
const MAX_CODE_LENGTH = 32;

export interface RenderedPage {
  status: number;
  html: string;
}

/** A query value as Express parsed it: a string, or an array when the key repeats. Only a lone string counts. */
function single(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * Renders the student check-in page for `?session=<id>&code=<code>`. A link naming no session we
 * know gets a page saying so (400 for a malformed id, 404 for an unknown one), never an error body.
 */
@Injectable()
export class CheckInPageService {
  constructor(
    private readonly repo: AttendanceRepository,
    private readonly catalog: CourseAccess,
    private readonly policy: CheckInPolicy,
  ) {}

  async render(sessionParam: unknown, codeParam: unknown): Promise<RenderedPage> {
    const sessionId = single(sessionParam)?.trim();
    if (!sessionId || !UUID.test(sessionId)) return { status: 400, html: renderCheckInProblem('link_invalid') };
    const session = await this.repo.findSession(sessionId.toLowerCase());
    if (!session) return { status: 404, html: renderCheckInProblem('session_not_found') };
    const course = await this.catalog.findCourse(session.courseId);
    const window = this.policy.window(session);
    return {
      status: 200,
      html: renderCheckInPage({
        sessionId: session.id,
        courseTitle: course?.title ?? '',
        sessionTitle: session.title,
        place: session.place,
        startsAt: session.startsAt,
        endsAt: window.endsAt,
        state: this.state(session, new Date()),
        code: (single(codeParam) ?? '').trim().slice(0, MAX_CODE_LENGTH),
        scriptUrl: `${CHECK_IN_SCRIPT_PATH}?v=${CHECK_IN_SCRIPT_VERSION}`,
      }),
    };
  }

  private state(session: ClassSession, now: Date): CheckInPageState {
    const window = this.policy.window(session);
    if (isCheckInOpen(session, window, now)) return { kind: 'open' };
    if (now < window.opensAt) return { kind: 'before', opensAt: window.opensAt };
    if (!isWithin(window, now)) return { kind: 'ended' };
    return session.checkInClosedAt ? { kind: 'closed' } : { kind: 'not_open' };
  }
}
