/** Letters and packs as PDF (OpenPDF), stored with the application they belong to. */
package org.kith.documents;
