import { ErrorMessage, HelperMessage } from '@atlaskit/form';
import { useEditor } from './editor-context';
import { fieldOf } from './settings-draft';

/** The id of a field's messages (help, local problem, the resolver's errors), for aria-describedby. */
export const helpId = (id: string): string => `${id}-help`;
export const errorId = (id: string): string => `${id}-error`;

export function FieldHelp({ id, children }: { id: string; children: React.ReactNode }) {
  return (
    <div id={helpId(id)}>
      <HelperMessage>{children}</HelperMessage>
    </div>
  );
}

/**
 * What is wrong with a field: a problem found on the page (`local`) and the resolver's refusals for its path,
 * shown beside the field. `describeIndex` turns a list index (`ignore[2]`) into words ("Line 3").
 */
export function FieldErrors({
  id,
  path,
  local,
  describeIndex,
}: {
  id: string;
  path: string;
  local?: string | undefined;
  describeIndex?: (index: number) => string;
}) {
  const { fieldErrors } = useEditor();
  const errors = fieldErrors.get(path) ?? [];
  if (!local && errors.length === 0) return null;
  return (
    <div id={errorId(id)}>
      {local && <ErrorMessage>{local}</ErrorMessage>}
      {errors.map((error) => {
        const { index } = fieldOf(error);
        const where = index !== undefined && describeIndex ? `${describeIndex(index)}: ` : '';
        return (
          <ErrorMessage key={`${error.path}:${error.message}`}>
            {where}
            {error.message}
          </ErrorMessage>
        );
      })}
    </div>
  );
}

/** True when the field has something for FieldErrors to show (so aria-invalid and aria-describedby agree). */
export function useHasErrors(path: string, local?: string): boolean {
  const { fieldErrors } = useEditor();
  return Boolean(local) || (fieldErrors.get(path)?.length ?? 0) > 0;
}
