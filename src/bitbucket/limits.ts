/**
 * Bitbucket Cloud limits, in one place. Sources: the OpenAPI document and ../shared/docs/bitbucket-api.md.
 */

/** `POST …/annotations` accepts at most 100 items [spec: maxItems]. */
export const ANNOTATIONS_PER_REQUEST = 100;
/** A report holds at most 1,000 annotations [spec]. */
export const ANNOTATIONS_PER_REPORT = 1000;
/** Longer summaries are refused with 400 (reviewdog/reviewdog#1285). */
export const ANNOTATION_SUMMARY_MAX = 450;
/** `report.data` holds at most 10 items [spec]. */
export const REPORT_DATA_MAX = 10;
/** Build-status keys over 40 characters are refused with 400 (buildbot/buildbot#7049). */
export const STATUS_KEY_MAX = 40;
/** Comments: default page length 10, maximum 100. */
export const COMMENTS_PAGELEN_MAX = 100;
/** Diffstat: default page length 500, maximum 5,000. */
export const DIFFSTAT_PAGELEN_MAX = 5000;
/** No documented maximum for comments; very large ones got 400s, pr-agent caps at 31,000 (bitbucket-api.md §4). */
export const COMMENT_MAX_CHARS = 30000;
/** Bitbucket answers 555 when it times out building a large diff or diffstat. */
export const HTTP_DIFF_TIMEOUT = 555;
/**
 * Lintel keeps build-status descriptions under 255 characters, the length Bitbucket's UI shows in full; the OpenAPI
 * document states no maximum.
 */
export const STATUS_DESCRIPTION_MAX = 255;
