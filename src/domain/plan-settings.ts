/**
 * A plan's settings as the dashboard's settings page edits them: what the plan is (title, principal
 * authority, inspection), how it is run (nation for bank holidays, time zone, rating scale, reminder
 * days, send window, monitoring cadence, oversight body, digest day). Pure: read and check a form's
 * values, then apply them to the plan, saying which fields changed.
 */
import type { Cadence } from './cadence';
import { type IsoDate, isValidTimeZone, parseUkDate } from './dates';
import { ValidationError } from './errors';
import { CADENCES, DIGEST_WEEKDAYS, type DigestWeekday, type Plan, reminderSettingsOf } from './plan';
import { RATING_SCALES, type RatingScale } from './rating';
import { Checker, LIMITS } from './validation';
import { HOLIDAY_REGIONS, type HolidayRegion } from './working-days';

export interface PlanSettings {
  title: string;
  principalAuthority: string;
  inspectionTheme: string;
  inspectionStart?: IsoDate;
  inspectionEnd?: IsoDate;
  submissionDate?: IsoDate;
  /** Whose bank holidays count as non-working days: England, Wales, Scotland or Northern Ireland. */
  region: HolidayRegion;
  timeZone: string;
  ratingScale: RatingScale;
  /** Days before the due date owners are reminded, most distant first. */
  reminderDaysBefore: number[];
  windowStart: string;
  windowEnd: string;
  cadence: Cadence;
  oversightBody: string;
  digestDay: DigestWeekday;
}

export const REGION_NAMES: Record<HolidayRegion, string> = {
  ENG: 'England',
  WLS: 'Wales',
  SCT: 'Scotland',
  NIR: 'Northern Ireland',
};

/** At most this many reminders before a due date, each at most this many days ahead. */
export const MAX_REMINDER_DAYS = 6;
export const MAX_DAYS_BEFORE = 90;

export function settingsOf(plan: Plan): PlanSettings {
  const reminders = reminderSettingsOf(plan);
  return {
    title: plan.title,
    principalAuthority: plan.principalAuthority,
    inspectionTheme: plan.inspection.theme,
    ...(plan.inspection.startDate ? { inspectionStart: plan.inspection.startDate } : {}),
    ...(plan.inspection.endDate ? { inspectionEnd: plan.inspection.endDate } : {}),
    ...(plan.submissionDate ? { submissionDate: plan.submissionDate } : {}),
    region: reminders.region,
    timeZone: plan.timeZone,
    ratingScale: plan.ratingScale,
    reminderDaysBefore: [...reminders.daysBefore],
    windowStart: reminders.windowStart,
    windowEnd: reminders.windowEnd,
    cadence: plan.cadence,
    oversightBody: plan.oversightBody,
    digestDay: plan.digestWeekday ?? 'monday',
  };
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * Checks a settings form (text values, as a form sends them; reminder days as "14, 7, 1" or a list) and
 * returns the settings, or throws every problem at once, each under the form's field name.
 */
export function readPlanSettings(input: Record<string, unknown>): PlanSettings {
  const check = new Checker();
  const text = (field: string): string => {
    const value = input[field];
    if (value === undefined || value === null) return '';
    if (typeof value !== 'string') {
      check.add(field, 'must be text');
      return '';
    }
    return value;
  };
  const optionalDate = (field: string): IsoDate | undefined => {
    const raw = text(field).trim();
    if (raw === '') return undefined;
    const parsed = parseUkDate(raw);
    if (parsed.ok) return parsed.value;
    check.add(field, parsed.reason);
    return undefined;
  };
  const title = check.text('title', text('title'), LIMITS.planTitle, { required: true });
  const principalAuthority = check.text('principalAuthority', text('principalAuthority'), LIMITS.agency);
  const inspectionTheme = check.text('inspectionTheme', text('inspectionTheme'), LIMITS.areaText);
  const inspectionStart = optionalDate('inspectionStart');
  const inspectionEnd = optionalDate('inspectionEnd');
  const submissionDate = optionalDate('submissionDate');
  if (inspectionStart && inspectionEnd && inspectionEnd < inspectionStart)
    check.add('inspectionEnd', 'must be on or after the first day of the inspection');
  const lastInspectionDay = inspectionEnd ?? inspectionStart;
  if (submissionDate && lastInspectionDay && submissionDate < lastInspectionDay)
    check.add('submissionDate', 'must be after the inspection: the plan is submitted once it has happened');
  const region = check.oneOf('region', text('region'), HOLIDAY_REGIONS);
  const timeZone = text('timeZone').trim();
  if (timeZone === '') check.add('timeZone', 'is required, e.g. Europe/London');
  else if (!isValidTimeZone(timeZone) || !timeZone.includes('/'))
    check.add('timeZone', `"${timeZone.slice(0, 40)}" is not a time zone such as Europe/London`);
  const ratingScale = check.oneOf('ratingScale', text('ratingScale'), RATING_SCALES);
  const reminderDaysBefore = readReminderDays(input.reminderDaysBefore, check);
  const windowStart = text('windowStart').trim();
  const windowEnd = text('windowEnd').trim();
  if (!TIME.test(windowStart)) check.add('windowStart', 'must be a time such as 09:00');
  if (!TIME.test(windowEnd)) check.add('windowEnd', 'must be a time such as 17:00');
  else if (TIME.test(windowStart) && windowEnd <= windowStart)
    check.add('windowEnd', 'must be later than the start of the send window');
  const cadence = check.oneOf('cadence', text('cadence'), CADENCES);
  const oversightBody = check.text('oversightBody', text('oversightBody'), LIMITS.agency);
  const digestDay = check.oneOf('digestDay', text('digestDay'), DIGEST_WEEKDAYS);
  if (!check.ok) throw new ValidationError(check.issues);
  return {
    title,
    principalAuthority,
    inspectionTheme,
    ...(inspectionStart ? { inspectionStart } : {}),
    ...(inspectionEnd ? { inspectionEnd } : {}),
    ...(submissionDate ? { submissionDate } : {}),
    region,
    timeZone,
    ratingScale,
    reminderDaysBefore,
    windowStart,
    windowEnd,
    cadence,
    oversightBody,
    digestDay,
  };
}

function readReminderDays(value: unknown, check: Checker): number[] {
  const items =
    typeof value === 'string'
      ? value.split(/[,\s]+/).filter((item) => item !== '')
      : Array.isArray(value)
        ? value.map(String)
        : undefined;
  if (!items || items.length === 0) {
    check.add('reminderDaysBefore', 'give at least one number of days, such as 14, 7, 1');
    return [];
  }
  const days = items.map(Number);
  if (days.some((d) => !Number.isInteger(d) || d < 1 || d > MAX_DAYS_BEFORE)) {
    check.add(
      'reminderDaysBefore',
      `must be whole numbers of days from 1 to ${MAX_DAYS_BEFORE}, such as 14, 7, 1`,
    );
    return [];
  }
  const distinct = [...new Set(days)].sort((a, b) => b - a);
  if (distinct.length > MAX_REMINDER_DAYS)
    check.add('reminderDaysBefore', `at most ${MAX_REMINDER_DAYS} reminders before a due date`);
  return distinct;
}

/** The plan with the settings applied, and the names of the settings that changed (none: the same plan). */
export function applyPlanSettings(
  plan: Plan,
  settings: PlanSettings,
  change: { now: Date; by: string },
): { plan: Plan; changed: (keyof PlanSettings)[] } {
  const before = settingsOf(plan);
  const changed = (Object.keys(settings) as (keyof PlanSettings)[]).filter(
    (key) => JSON.stringify(before[key]) !== JSON.stringify(settings[key]),
  );
  for (const key of ['inspectionStart', 'inspectionEnd', 'submissionDate'] as const)
    if (before[key] && !settings[key] && !changed.includes(key)) changed.push(key);
  if (changed.length === 0) return { plan, changed };
  const { submissionDate: _submission, reminders: _reminders, ...rest } = plan;
  const reminders = {
    ...plan.reminders,
    daysBefore: settings.reminderDaysBefore,
    windowStart: settings.windowStart,
    windowEnd: settings.windowEnd,
    region: settings.region,
  };
  const next: Plan = {
    ...rest,
    title: settings.title,
    principalAuthority: settings.principalAuthority,
    inspection: {
      theme: settings.inspectionTheme,
      inspectorates: plan.inspection.inspectorates,
      ...(settings.inspectionStart ? { startDate: settings.inspectionStart } : {}),
      ...(settings.inspectionEnd ? { endDate: settings.inspectionEnd } : {}),
    },
    ...(settings.submissionDate ? { submissionDate: settings.submissionDate } : {}),
    timeZone: settings.timeZone,
    ratingScale: settings.ratingScale,
    cadence: settings.cadence,
    oversightBody: settings.oversightBody,
    digestWeekday: settings.digestDay,
    reminders,
    revision: (plan.revision ?? 0) + 1,
    updatedBy: change.by,
    updatedAt: change.now.toISOString(),
  };
  return { plan: next, changed };
}

/** How many days after Monday the digest goes (0 for Monday). */
export function digestOffset(plan: Pick<Plan, 'digestWeekday'>): number {
  return DIGEST_WEEKDAYS.indexOf(plan.digestWeekday ?? 'monday');
}
