import { describe, expect, it } from 'vitest';
import { renderPage } from '../../../src/http/views/page.js';

describe('renderPage', () => {
  it('escapes every piece of text and has no script', () => {
    const html = renderPage({
      lang: 'fr',
      title: '<script>alert(1)</script>',
      heading: 'Ada & "Bob"',
      paragraphs: ['<img src=x onerror=alert(1)>'],
      facts: [{ label: 'Demandé par', value: "O'Brien <admin>" }],
      button: { label: 'Go', href: 'https://app.test/zoom/approve/abc?go=1&x="y"' },
      tone: 'info',
    });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Ada &amp; &quot;Bob&quot;');
    expect(html).toContain('O&#39;Brien &lt;admin&gt;');
    expect(html).toContain('href="https://app.test/zoom/approve/abc?go=1&amp;x=&quot;y&quot;"');
    expect(html).toContain('<html lang="fr">');
  });
});
