/** The SOAP 1.2 envelope namespace (W3C SOAP Version 1.2 Part 1, section 5.1). */
export const SOAP_12_NAMESPACE = 'http://www.w3.org/2003/05/soap-envelope';
export const BARTEC_NAMESPACE = 'http://bartec-systems.com/';

/** An element's content: text, nested elements, or a list of repeated elements. */
export type SoapValue = string | number | SoapFields | SoapFields[] | null | undefined;
export interface SoapFields {
  [element: string]: SoapValue;
}

/**
 * A SOAP 1.2 request for a Bartec Collective operation, the operation element in Bartec's
 * namespace and its fields in the order given (Bartec's schema is a sequence). Null and
 * undefined fields are left out; text is escaped.
 */
export function bartecSoapRequest(operation: string, fields: SoapFields): string {
  return (
    '<?xml version="1.0" encoding="utf-8"?>\n' +
    `<soap12:Envelope xmlns:soap12="${SOAP_12_NAMESPACE}">\n` +
    '  <soap12:Body>\n' +
    `    <${operation} xmlns="${BARTEC_NAMESPACE}">\n` +
    elements(fields, 6) +
    `    </${operation}>\n` +
    '  </soap12:Body>\n' +
    '</soap12:Envelope>\n'
  );
}

/** The Content-Type of a SOAP 1.2 call; the action travels in it, not in a SOAPAction header. */
export function soapContentType(operation: string): string {
  return `application/soap+xml; charset=utf-8; action="${BARTEC_NAMESPACE}${operation}"`;
}

function elements(fields: SoapFields, indent: number): string {
  const pad = ' '.repeat(indent);
  let xml = '';
  for (const [name, value] of Object.entries(fields)) {
    if (value === null || value === undefined) continue;
    const items = Array.isArray(value) ? value : [value];
    for (const item of items) {
      if (typeof item === 'object') {
        xml += `${pad}<${name}>\n${elements(item, indent + 2)}${pad}</${name}>\n`;
      } else {
        xml += `${pad}<${name}>${escapeXml(String(item))}</${name}>\n`;
      }
    }
  }
  return xml;
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
