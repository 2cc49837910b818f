import { type CodeCheck, type CodePolicy, type IssuedCode, type LinkCheck, checkCode, checkScreenLink, issueCode, signScreenLink } from '@lms/checkin-code';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { attendanceConfig } from './attendance.config';
import { type SessionTimes, type SessionWindow, checkInStatus, sessionWindow } from './attendance-rules';

/** How long the classroom-screen link outlives the session, so the screen can say that check-in has ended. */
const SCREEN_LINK_AFTER_END_MS = 60 * 60_000;

/**
 * The configured check-in rules: the session window, lateness, the rotating codes and the
 * classroom-screen links. Everything is derived from the server secret and the server clock,
 * so any replica answers the same.
 */
@Injectable()
export class CheckInPolicy {
  constructor(@Inject(attendanceConfig.KEY) private readonly cfg: ConfigType<typeof attendanceConfig>) {}

  get codePolicy(): CodePolicy {
    return { stepSeconds: this.cfg.codeStepSeconds, graceSeconds: this.cfg.codeGraceSeconds };
  }

  window(session: SessionTimes): SessionWindow {
    return sessionWindow(session, this.cfg.earlyMinutes);
  }

  statusAt(window: SessionWindow, now: Date): 'present' | 'late' {
    return checkInStatus(window, now, this.cfg.lateAfterMinutes);
  }

  issue(sessionId: string, now: Date): IssuedCode {
    return issueCode(this.cfg.checkInSecret, sessionId, now.getTime(), this.codePolicy);
  }

  check(sessionId: string, input: string, now: Date): CodeCheck {
    return checkCode(this.cfg.checkInSecret, sessionId, input, now.getTime(), this.codePolicy);
  }

  screenLink(sessionId: string, window: SessionWindow): { url: string; expiresAt: Date } {
    const exp = Math.floor((window.endsAt.getTime() + SCREEN_LINK_AFTER_END_MS) / 1000);
    const sig = signScreenLink(this.cfg.checkInSecret, sessionId, exp);
    return { url: `/class-sessions/${sessionId}/screen?exp=${exp}&sig=${sig}`, expiresAt: new Date(exp * 1000) };
  }

  checkScreenLink(sessionId: string, exp: number, sig: string, now: Date): LinkCheck {
    return checkScreenLink(this.cfg.checkInSecret, sessionId, exp, sig, now.getTime());
  }
}
