import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';

export interface FoldedProps {
  summary: ComponentChildren;
  /** Built only once the fold is first opened (and kept after), so a closed fold costs its summary alone. */
  children: () => ComponentChildren;
  open?: boolean;
  class?: string;
}

/**
 * A <details> whose content is built when it is first opened. The popup's first card held about 70 elements
 * behind closed folds (the details and sources, the further steps), and building them was half the cost of its
 * first paint (issue #15). The summary's click builds the content before the browser paints the open fold (preact
 * renders in a microtask); the toggle event covers other ways of opening it (find in page, a script).
 */
export function Folded({ summary, children, open = false, class: className }: FoldedProps) {
  const [opened, setOpened] = useState(open);
  return (
    <details
      class={className}
      open={open}
      onToggle={(e) => (e.currentTarget as HTMLDetailsElement).open && setOpened(true)}
    >
      <summary onClick={() => setOpened(true)}>{summary}</summary>
      {(open || opened) && children()}
    </details>
  );
}
