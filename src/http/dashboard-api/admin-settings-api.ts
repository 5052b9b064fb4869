/** A plan's settings on the management page: the form's values, and saving them against a revision. */
import { Router } from 'express';
import { ValidationError } from '../../domain/errors';
import type { PlanSettings } from '../../domain/plan-settings';
import type { AdminDeps } from '../../usecases/admin/admin-outcome';
import { savePlanSettings } from '../../usecases/admin/plan-settings';
import { ADMIN_PLAN, bodyOf, changeRoute, jsonBody, planIdOf, type Route, text } from './admin-answer';
import type { TabPlanSettings } from './admin-types';

export function adminSettingsRouter(useCases: AdminDeps, route: Route): Router {
  const router = Router();
  const change = changeRoute(route);

  router.post(
    `${ADMIN_PLAN}/settings`,
    jsonBody(),
    change(
      (req, actor) => {
        const body = bodyOf(req);
        const settings = body.settings;
        if (!settings || typeof settings !== 'object' || Array.isArray(settings))
          throw new ValidationError([
            { field: 'settings', reason: 'must be an object of the form’s values' },
          ]);
        return savePlanSettings(useCases, actor, {
          planId: planIdOf(req),
          revision: text(body, 'revision', 32),
          settings: settings as Record<string, unknown>,
        });
      },
      ({ changed, revision }) => ({
        ok: true,
        message:
          changed.length === 0
            ? 'Nothing had changed, so there was nothing to save.'
            : `Settings saved: ${changed.map((field) => SETTING_WORDS[field]).join(', ')}.`,
        revision,
      }),
    ),
  );

  return router;
}

const SETTING_WORDS: Record<keyof PlanSettings, string> = {
  title: 'title',
  principalAuthority: 'principal authority',
  inspectionTheme: 'inspection theme',
  inspectionStart: 'inspection start',
  inspectionEnd: 'inspection end',
  submissionDate: 'submission deadline',
  region: 'bank holidays',
  timeZone: 'time zone',
  ratingScale: 'rating scale',
  reminderDaysBefore: 'reminder days',
  windowStart: 'send window',
  windowEnd: 'send window',
  cadence: 'monitoring cadence',
  oversightBody: 'oversight body',
  digestDay: 'digest day',
};

/** The settings as the form's fields. */
export function settingsForm(s: PlanSettings): TabPlanSettings {
  return {
    title: s.title,
    principalAuthority: s.principalAuthority,
    inspectionTheme: s.inspectionTheme,
    inspectionStart: s.inspectionStart ?? '',
    inspectionEnd: s.inspectionEnd ?? '',
    submissionDate: s.submissionDate ?? '',
    region: s.region,
    timeZone: s.timeZone,
    ratingScale: s.ratingScale,
    reminderDaysBefore: s.reminderDaysBefore.join(', '),
    windowStart: s.windowStart,
    windowEnd: s.windowEnd,
    cadence: s.cadence,
    oversightBody: s.oversightBody,
    digestDay: s.digestDay,
  };
}
