import Heading from '@atlaskit/heading';
import { Stack } from '@atlaskit/primitives/compiled/stack';

/** A titled part of the page: a landmark named by its heading, so screen readers can jump between parts. */
export function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`}>
      <Stack space="space.200">
        <Heading size="medium" as="h2" id={`${id}-title`}>
          {title}
        </Heading>
        {children}
      </Stack>
    </section>
  );
}
