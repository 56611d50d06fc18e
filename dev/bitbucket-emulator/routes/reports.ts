/** Code Insights: reports on a commit and their annotations, with Bitbucket's limits. */
import { randomUUID } from 'node:crypto';
import { HttpError, badRequest, notFound } from '../errors';
import { DEFAULT_PAGE_LIMITS, paginate } from '../pagination';
import { repoApi } from '../representations';
import { timestamp, type StoredAnnotation, type StoredReport, type StoredRepository } from '../store';
import type { JsonObject } from '../types';
import { REPO, ok, param, repositoryOf, type RouteContext, type RouteTable } from './context';
import { requireFullHash } from './commits';

/** Limits from the OpenAPI operation descriptions and bitbucket-api.md §2. */
export const MAX_ANNOTATIONS_PER_POST = 100;
export const MAX_ANNOTATIONS_PER_REPORT = 1000;
export const MAX_ANNOTATION_SUMMARY_CHARS = 450;
export const MAX_REPORT_DATA_ITEMS = 10;
const READ_ONLY_FIELDS = ['uuid', 'created_on', 'updated_on', 'type', 'commit_hash'];

/** Bitbucket's bulk-limit error has its own shape (mc1arke/sonarqube-community-branch-plugin#209). */
export function bulkLimitError(): HttpError {
  const message = `Bulk upload supports a maximum of /${MAX_ANNOTATIONS_PER_POST} annotations.`;
  return new HttpError(400, message, { code: 400, message });
}

/** Runs before OpenAPI schema validation so the over-limit batch gets Bitbucket's own message. */
export const ANNOTATION_BULK_TEMPLATE = `POST ${REPO}/commit/{commit}/reports/{reportId}/annotations`;
export function checkBulkSize(body: unknown): HttpError | undefined {
  return Array.isArray(body) && body.length > MAX_ANNOTATIONS_PER_POST ? bulkLimitError() : undefined;
}

const strip = (fields: JsonObject): JsonObject =>
  Object.fromEntries(Object.entries(fields).filter(([k]) => !READ_ONLY_FIELDS.includes(k)));

export function reportJson(
  baseUrl: string,
  repository: StoredRepository,
  commit: string,
  r: StoredReport,
): JsonObject {
  return {
    ...r.fields,
    type: 'report',
    uuid: r.uuid,
    external_id: r.externalId,
    commit_hash: commit,
    created_on: r.createdOn,
    updated_on: r.updatedOn,
    links: {
      self: {
        href: `${repoApi(baseUrl, repository)}/commit/${commit}/reports/${encodeURIComponent(r.externalId)}`,
      },
    },
  };
}

export function annotationJson(
  _baseUrl: string,
  _repository: StoredRepository,
  _commit: string,
  _r: StoredReport,
  a: StoredAnnotation,
): JsonObject {
  return {
    ...a.fields,
    type: 'report_annotation',
    uuid: a.uuid,
    ...(a.externalId !== undefined ? { external_id: a.externalId } : {}),
    created_on: a.createdOn,
    updated_on: a.updatedOn,
  };
}

async function reportsAt(
  ctx: RouteContext,
): Promise<{ repository: StoredRepository; commit: string; reports: StoredReport[] }> {
  const repository = repositoryOf(ctx);
  const commit = await requireFullHash(repository, param(ctx, 'commit'));
  return { repository, commit, reports: ctx.env.store.reportsOf(repository, commit) };
}

function findReport(reports: StoredReport[], id: string): StoredReport | undefined {
  return reports.find((r) => r.uuid === id || r.externalId === id);
}

async function existingReport(
  ctx: RouteContext,
): Promise<{ repository: StoredRepository; commit: string; report: StoredReport; reports: StoredReport[] }> {
  const found = await reportsAt(ctx);
  const report = findReport(found.reports, param(ctx, 'reportId'));
  if (!report) throw notFound(`Report ${param(ctx, 'reportId')} not found on commit ${found.commit}`);
  return { ...found, report };
}

function isPrivateHost(link: string): boolean {
  try {
    const host = new URL(link).hostname;
    return (
      host === 'localhost' ||
      host === '::1' ||
      host === '[::1]' ||
      /^127\./.test(host) ||
      host.endsWith('.localhost')
    );
  } catch {
    return true;
  }
}

function checkAnnotation(a: JsonObject, index: number | undefined): void {
  const where = index === undefined ? '' : `[${index}] `;
  const summary = a.summary;
  if (typeof summary !== 'string' || summary.trim() === '')
    throw badRequest(`${where}summary: This field is required.`, { summary: ['This field is required.'] });
  if (summary.length > MAX_ANNOTATION_SUMMARY_CHARS) {
    throw badRequest(
      `The summary field cannot contain more than ${MAX_ANNOTATION_SUMMARY_CHARS} characters`,
      { summary: [`${where}has ${summary.length} characters`] },
    );
  }
}

function upsertAnnotation(
  report: StoredReport,
  fields: JsonObject,
  externalId: string | undefined,
): StoredAnnotation {
  const key = externalId ?? `{${randomUUID()}}`;
  const now = timestamp();
  const existing = report.annotations.get(key);
  const annotation: StoredAnnotation = existing
    ? { ...existing, fields: strip(fields), updatedOn: now }
    : {
        uuid: externalId === undefined ? key : `{${randomUUID()}}`,
        externalId,
        fields: strip(fields),
        createdOn: now,
        updatedOn: now,
      };
  delete annotation.fields.external_id;
  report.annotations.set(key, annotation);
  return annotation;
}

export const reportRoutes: RouteTable = {
  [`GET ${REPO}/commit/{commit}/reports`]: async (ctx) => {
    const { repository, commit, reports } = await reportsAt(ctx);
    return ok(
      paginate(
        reports.map((r) => reportJson(ctx.env.baseUrl, repository, commit, r)),
        ctx.url,
        DEFAULT_PAGE_LIMITS,
      ),
    );
  },

  [`PUT ${REPO}/commit/{commit}/reports/{reportId}`]: async (ctx) => {
    const { repository, commit, reports } = await reportsAt(ctx);
    const fields = strip(ctx.body as JsonObject);
    const data = fields.data;
    if (Array.isArray(data) && data.length > MAX_REPORT_DATA_ITEMS) {
      throw badRequest(`data: Ensure this field has no more than ${MAX_REPORT_DATA_ITEMS} elements.`, {
        data: [`Ensure this field has no more than ${MAX_REPORT_DATA_ITEMS} elements.`],
      });
    }
    // Bitbucket renders the link for every viewer, so it must be publicly reachable (sonarqube-community-branch-plugin#182).
    if (typeof fields.link === 'string' && isPrivateHost(fields.link))
      throw badRequest('link: Enter a valid URL.', { link: ['Enter a valid URL.'] });
    const id = param(ctx, 'reportId');
    const now = timestamp();
    const existing = findReport(reports, id);
    if (existing) {
      // A re-PUT replaces the report but keeps its annotations (bitbucket-api.md §2.3).
      existing.fields = fields;
      existing.updatedOn = now;
      delete existing.fields.external_id;
      return ok(reportJson(ctx.env.baseUrl, repository, commit, existing));
    }
    // The path id is what later calls use, so it becomes the external_id whatever the body says.
    delete fields.external_id;
    const report: StoredReport = {
      uuid: `{${randomUUID()}}`,
      externalId: id,
      fields,
      createdOn: now,
      updatedOn: now,
      annotations: new Map(),
    };
    reports.push(report);
    return ok(reportJson(ctx.env.baseUrl, repository, commit, report));
  },

  [`GET ${REPO}/commit/{commit}/reports/{reportId}`]: async (ctx) => {
    const { repository, commit, report } = await existingReport(ctx);
    return ok(reportJson(ctx.env.baseUrl, repository, commit, report));
  },

  [`DELETE ${REPO}/commit/{commit}/reports/{reportId}`]: async (ctx) => {
    const { report, reports } = await existingReport(ctx);
    reports.splice(reports.indexOf(report), 1); // its annotations go with it
    return { status: 204 };
  },

  [ANNOTATION_BULK_TEMPLATE]: async (ctx) => {
    const { repository, commit, report } = await existingReport(ctx);
    const batch = ctx.body as JsonObject[];
    const seen = new Set<string>();
    batch.forEach((a, index) => {
      checkAnnotation(a, index);
      const externalId = a.external_id;
      if (typeof externalId === 'string') {
        if (seen.has(externalId))
          throw badRequest(`Duplicate external_id "${externalId}" in the batch`, {
            external_id: [`duplicate value "${externalId}"`],
          });
        seen.add(externalId);
      }
    });
    const newKeys = batch.filter(
      (a) => typeof a.external_id !== 'string' || !report.annotations.has(a.external_id),
    ).length;
    if (report.annotations.size + newKeys > MAX_ANNOTATIONS_PER_REPORT) {
      throw badRequest(
        `A report can contain at most ${MAX_ANNOTATIONS_PER_REPORT} annotations; it has ${report.annotations.size} and this batch adds ${newKeys}.`,
      );
    }
    const stored = batch.map((a) =>
      upsertAnnotation(report, a, typeof a.external_id === 'string' ? a.external_id : undefined),
    );
    return ok(stored.map((a) => annotationJson(ctx.env.baseUrl, repository, commit, report, a)));
  },

  [`GET ${REPO}/commit/{commit}/reports/{reportId}/annotations`]: async (ctx) => {
    const { repository, commit, report } = await existingReport(ctx);
    const values = [...report.annotations.values()].map((a) =>
      annotationJson(ctx.env.baseUrl, repository, commit, report, a),
    );
    return ok(paginate(values, ctx.url, DEFAULT_PAGE_LIMITS));
  },

  [`GET ${REPO}/commit/{commit}/reports/{reportId}/annotations/{annotationId}`]: async (ctx) => {
    const { repository, commit, report } = await existingReport(ctx);
    const id = param(ctx, 'annotationId');
    const annotation = [...report.annotations.values()].find((a) => a.uuid === id || a.externalId === id);
    if (!annotation) throw notFound(`Annotation ${id} not found in report ${report.externalId}`);
    return ok(annotationJson(ctx.env.baseUrl, repository, commit, report, annotation));
  },

  [`PUT ${REPO}/commit/{commit}/reports/{reportId}/annotations/{annotationId}`]: async (ctx) => {
    const { repository, commit, report } = await existingReport(ctx);
    const fields = ctx.body as JsonObject;
    checkAnnotation(fields, undefined);
    const id = param(ctx, 'annotationId');
    const byUuid = [...report.annotations.entries()].find(([, a]) => a.uuid === id);
    if (!byUuid && report.annotations.size >= MAX_ANNOTATIONS_PER_REPORT && !report.annotations.has(id))
      throw badRequest(`A report can contain at most ${MAX_ANNOTATIONS_PER_REPORT} annotations.`);
    const annotation = upsertAnnotation(report, fields, byUuid ? byUuid[1].externalId : id);
    return ok(annotationJson(ctx.env.baseUrl, repository, commit, report, annotation));
  },

  [`DELETE ${REPO}/commit/{commit}/reports/{reportId}/annotations/{annotationId}`]: async (ctx) => {
    const { report } = await existingReport(ctx);
    const id = param(ctx, 'annotationId');
    const entry = [...report.annotations.entries()].find(([, a]) => a.uuid === id || a.externalId === id);
    if (!entry) throw notFound(`Annotation ${id} not found in report ${report.externalId}`);
    report.annotations.delete(entry[0]);
    return { status: 204 };
  },
};
