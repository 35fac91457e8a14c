import type { PortalHost } from '@portal/portal-kit';

/** An invoice's PDF fetched with the session: an object URL to show in a tab and to offer as a download. */
export interface InvoicePdf {
  url: string;
  filename: string;
  /** Whether it was shown in a new tab (a blocked pop-up leaves only the download link). */
  opened: boolean;
}

export const pdfFilename = (number: string): string => `invoice-${number.replace(/[^\p{L}\p{N}._-]+/gu, '_')}.pdf`;

/**
 * Opens an empty tab right inside the click, before anything is awaited: a tab opened later (after the PDF has
 * arrived) is no longer a user gesture, and pop-up blockers stop it. Null when the browser refused.
 */
export function reserveTab(waitingText: string): Window | null {
  try {
    const tab = window.open('', '_blank');
    if (tab) {
      tab.document.title = waitingText;
      tab.document.body.style.font = '16px sans-serif';
      tab.document.body.textContent = waitingText;
    }
    return tab;
  } catch {
    return null;
  }
}

/** Fetches the PDF and shows it in the reserved tab; the caller keeps the URL for a download link and revokes it. */
export async function showInvoicePdf(host: PortalHost, invoice: { id: string; number: string }, tab: Window | null): Promise<InvoicePdf> {
  let blob: Blob;
  try {
    blob = await host.blob(`/invoices/${encodeURIComponent(invoice.id)}/pdf`);
  } catch (err) {
    tab?.close();
    throw err;
  }
  const url = URL.createObjectURL(blob.type === 'application/pdf' ? blob : new Blob([blob], { type: 'application/pdf' }));
  let opened = false;
  if (tab && !tab.closed) {
    tab.location.href = url;
    opened = true;
  }
  return { url, filename: pdfFilename(invoice.number), opened };
}

/** Object URLs a component made, revoked when it goes (they hold the PDF in memory until then). */
export class ObjectUrls {
  private readonly urls = new Set<string>();
  keep(url: string): string {
    this.urls.add(url);
    return url;
  }
  revokeAll(): void {
    for (const url of this.urls) URL.revokeObjectURL(url);
    this.urls.clear();
  }
}
