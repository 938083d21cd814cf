import type { RiskGroup } from '../core/data-class-groups';

// Small line icons (24-unit grid), decorative: the group's name is always written beside them.
const PATHS: Record<RiskGroup, string> = {
  credentials: 'M7 14a4 4 0 1 1 3.9-5H21v3h-2v3h-3v-3h-5.1A4 4 0 0 1 7 14zm0-2.5a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3z',
  financial: 'M3 6h18v12H3zM3 9h18v2H3zm2 5h5v2H5z',
  identity:
    'M4 5h16v14H4zm4 3a2 2 0 1 0 0 4 2 2 0 0 0 0-4zm-2 8h4.5c0-1.6-1-2.5-2.25-2.5S6 14.4 6 16zm7-7h5v1.5h-5zm0 3h5v1.5h-5z',
  contact: 'M3 6h18v12H3zm2 2v.5l7 4.5 7-4.5V8l-7 4.5z',
  other: 'M12 5a7 7 0 1 1 0 14 7 7 0 0 1 0-14zm-1 3v5h2V8zm0 6.5v2h2v-2z',
};

export function GroupIcon({ group }: { group: RiskGroup }) {
  return (
    <svg class="icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
      <path d={PATHS[group]} fill="currentColor" fill-rule="evenodd" />
    </svg>
  );
}
