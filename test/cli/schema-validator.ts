import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import schema from '../../docs/report-schema.json';

const validate = addFormats(new Ajv({ allErrors: true })).compile(schema);

/** Throws with ajv's error list when `report` does not match docs/report-schema.json. */
export function expectValidReport(report: unknown): void {
  if (!validate(report))
    throw new Error(`report does not match the schema: ${JSON.stringify(validate.errors, null, 2)}`);
}
