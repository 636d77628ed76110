/**
 * The prior-authorization request packet as a printable PDF: the sections built by
 * server/domain/prior-auth-packet/layout.ts (plain text in, PDF bytes out; no database here).
 * Flowing pages, a footer with the request and page number on each, as many pages as it takes.
 */
import { PDFDocument, StandardFonts } from "pdf-lib";
import type { PacketDocument } from "@/server/domain/prior-auth-packet";
import { Writer } from "./pdf-writer";

export async function renderPriorAuthPacket(packet: PacketDocument): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(packet.title);
  doc.setSubject(packet.subtitle);
  doc.setCreator("Durvalumab Billing");
  doc.setProducer("Durvalumab Billing");
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const w = new Writer(doc, font, bold, packet.footer);
  w.text(packet.title, { bold: true, size: 14 });
  w.text(packet.subtitle, { size: 9, gap: 4 });
  for (const section of packet.sections) {
    w.heading(section.heading);
    const pairs: [string, string][] = [];
    const flush = () => {
      if (pairs.length) w.pairs(pairs.splice(0));
    };
    section.items.forEach((item, i) => {
      if (item.kind === "pair") {
        // A pair that heads bullets (a dose and its arithmetic) starts where the whole block fits.
        let bullets = 0;
        while (section.items[i + 1 + bullets]?.kind === "bullet") bullets += 1;
        if (bullets > 0 && bullets < 12) {
          flush();
          w.keepTogether(bullets + 2);
        }
        pairs.push([item.label, item.value]);
        return;
      }
      flush();
      if (item.kind === "bullet") w.bullet(item.text);
      else w.text(item.text);
    });
    flush();
  }
  return doc.save();
}
