/**
 * Saving and resetting a settings level. The payload is untrusted page data: validated with zod, per field, before
 * anything is stored; a save by someone who does not administer the level is refused before the payload is read;
 * a save over a revision someone else replaced meanwhile is refused by the store (settings-store.ts).
 */
import { z } from 'zod';
import { parseSettingsFields } from '../../settings/parse';
import { documentBytes, SETTINGS_DOCUMENT_MAX_BYTES } from '../../settings/stored-document';
import { saveLevel } from '../settings-store';
import { authorizedSettingsPage, type SettingsPage } from './settings-page-access';
import { settingsViewOf } from './settings-view';
import type { ResolverRequest } from './resolver-request';
import type { AccessRefused, FieldError, SaveSettingsResult } from './types';

const revision = z.number().int().min(0);
const savePayload = z.strictObject({
  overrides: z.unknown(),
  revision,
  promptForConsent: z.boolean().optional(),
});
const resetPayload = z.strictObject({ revision, promptForConsent: z.boolean().optional() });

function invalid(message: string, fieldErrors: FieldError[] = []): SaveSettingsResult {
  return { saved: false, reason: 'invalid', message, fieldErrors };
}

function malformed(error: z.ZodError): SaveSettingsResult {
  const what = error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`).join('; ');
  return invalid(`The page sent a request Lintel cannot use (${what}); reload the page and try again.`);
}

async function store(
  page: SettingsPage,
  overrides: Parameters<typeof saveLevel>[1]['overrides'],
  expectedRevision: number,
): Promise<SaveSettingsResult> {
  const saved = await saveLevel(
    { level: page.level, uuid: page.uuid },
    { overrides, expectedRevision, accountId: page.accountId, now: new Date() },
  );
  if (!saved.saved) return { saved: false, reason: 'conflict', message: saved.message };
  return { saved: true, view: await settingsViewOf(page) };
}

/** Replaces the page level's overrides with the page's draft. */
export async function saveSettings(request: ResolverRequest): Promise<SaveSettingsResult | AccessRefused> {
  const page = await authorizedSettingsPage(request);
  if ('access' in page) return page;
  const payload = savePayload.safeParse(request.payload);
  if (!payload.success) return malformed(payload.error);
  const bytes = documentBytes(payload.data.overrides ?? null);
  if (bytes > SETTINGS_DOCUMENT_MAX_BYTES) {
    return invalid(
      `These settings are ${bytes.toLocaleString('en-US')} bytes; at most ` +
        `${SETTINGS_DOCUMENT_MAX_BYTES.toLocaleString('en-US')} can be stored. Shorten the ignored paths or branch lists.`,
    );
  }
  const parsed = parseSettingsFields(payload.data.overrides);
  if (!parsed.ok) {
    const count = parsed.fieldErrors.length;
    return invalid(
      `${count} setting${count === 1 ? ' is' : 's are'} not valid; nothing was saved.`,
      parsed.fieldErrors,
    );
  }
  return store(page, parsed.value, payload.data.revision);
}

/** "Reset all to inherited": the level keeps no overrides of its own. */
export async function resetSettings(request: ResolverRequest): Promise<SaveSettingsResult | AccessRefused> {
  const page = await authorizedSettingsPage(request);
  if ('access' in page) return page;
  const payload = resetPayload.safeParse(request.payload);
  if (!payload.success) return malformed(payload.error);
  return store(page, {}, payload.data.revision);
}
