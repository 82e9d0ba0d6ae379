/**
 * Text inside XML (the .docx files Corresp writes or edits): the one place XML is escaped. `xmlText` keeps what XML
 * 1.0 can hold; `escapeXml` turns markup characters into entities for element content and attribute values. Pure.
 */

/**
 * Text XML 1.0 can hold. Reliability: a draft's U+FFFF (or a NUL, a lone surrogate) written raw made the .docx
 * unreadable to Word. Controls carry no text and are dropped; noncharacters and lone surrogates become U+FFFD.
 */
export function xmlText(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|[\ufffe\uffff]/g, '\ufffd');
}

/** Escapes markup characters for XML element content and attribute values (& < > "). */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}
