import { Injectable } from '@nestjs/common';
import QRCode from 'qrcode';
import { CourseAccess } from '../catalog/course-access.service';
import { screenLinkExpired, screenLinkInvalid } from './attendance.errors';
import { isCheckInOpen, isWithin } from './attendance-rules';
import { CheckInPolicy } from './check-in-policy.service';
import { ClassSessionsService } from './class-sessions.service';
import { type ScreenState, renderClassroomScreen } from './classroom-screen.page';

/** Where the QR code sends a student's phone: the student check-in page (CheckInPageController), with the session and the code. */
export const STUDENT_CHECK_IN_PATH = '/check-in';

/** How often the screen looks again while no code is shown. */
const IDLE_REFRESH_SECONDS = 10;

/** Renders the classroom-screen page of a signed link: the current code as a QR code, or why there is none. */
@Injectable()
export class ClassroomScreenService {
  constructor(
    private readonly sessions: ClassSessionsService,
    private readonly catalog: CourseAccess,
    private readonly policy: CheckInPolicy,
  ) {}

  /** `origin` (scheme and host of this request) makes the QR link absolute; empty leaves it relative. */
  async render(sessionId: string, exp: number, sig: string, origin: string): Promise<string> {
    const now = new Date();
    const link = this.policy.checkScreenLink(sessionId, exp, sig, now);
    if (link === 'invalid') throw screenLinkInvalid();
    if (link === 'expired') throw screenLinkExpired();
    const session = await this.sessions.findSession(sessionId);
    const course = await this.catalog.findCourse(session.courseId);
    const window = this.policy.window(session);
    let state: ScreenState;
    let refreshSeconds = IDLE_REFRESH_SECONDS;
    if (isCheckInOpen(session, window, now)) {
      const code = this.policy.issue(session.id, now);
      const target = `${origin}${STUDENT_CHECK_IN_PATH}?session=${session.id}&code=${code.code}`;
      const svg = await QRCode.toString(target, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
      state = { kind: 'open', code: code.code, qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`, stepSeconds: this.policy.codePolicy.stepSeconds };
      // Reload right after the next code appears.
      refreshSeconds = Math.max(1, Math.ceil((code.expiresAtMs - now.getTime()) / 1000));
    } else if (now < window.opensAt) {
      state = { kind: 'before', opensAt: window.opensAt };
    } else if (!isWithin(window, now)) {
      state = { kind: 'ended' };
    } else {
      state = session.checkInClosedAt ? { kind: 'closed' } : { kind: 'not_open' };
    }
    return renderClassroomScreen({
      courseTitle: course?.title ?? '',
      sessionTitle: session.title,
      place: session.place,
      startsAt: session.startsAt,
      endsAt: window.endsAt,
      state,
      refreshSeconds,
    });
  }
}
