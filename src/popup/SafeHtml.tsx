import { useEffect, useState } from 'preact/hooks';

export interface SafeHtmlProps {
  html: string;
  /** The same description as plain text, shown until the sanitiser has loaded (and if it fails to). */
  text: string;
  class?: string;
}

/** A description's markup, sanitised by DOMPurify (loaded on first use) before it reaches the DOM. */
export function SafeHtml({ html, text, class: className }: SafeHtmlProps) {
  const [clean, setClean] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    import('./sanitise-description').then(
      (m) => live && setClean(m.sanitiseDescription(html)),
      () => undefined, // keep the plain text
    );
    return () => {
      live = false;
    };
  }, [html]);
  return clean === null ? (
    <p class={className}>{text}</p>
  ) : (
    <p class={className} dangerouslySetInnerHTML={{ __html: clean }} />
  );
}
