/** Applications: drafts, answers, submission, eligibility, withdrawal, the status machine and who may read what. */
package org.kith.applications;
