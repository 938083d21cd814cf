import { describe, expect, it } from 'vitest';
import { sanitiseDescription } from '../../src/popup/sanitise-description';

// In Node there is no DOM, so DOMPurify cannot sanitise: the popup's sanitiser must then show text, not markup.
describe('description sanitiser without a DOM', () => {
  it('escapes everything instead of passing markup through', () => {
    expect(sanitiseDescription('<img src=x onerror="alert(1)">hi')).toBe(
      '&#60;img src=x onerror=&#34;alert(1)&#34;&#62;hi',
    );
  });
});
