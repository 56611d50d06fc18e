/** Sizes of an activity entry: a leaf module, so the kvs adapter checks entries without loading the pipeline. */
/** Characters of a reason kept: enough for a Bitbucket error with its call, small enough for one table row. */
export const ACTIVITY_REASON_CHARS_MAX = 300;
/** How a commit is shown: Bitbucket's own abbreviation. */
export const ACTIVITY_COMMIT_CHARS = 12;
