/** Decisions, more-information loops, awards and offers, payments and variations. */
package org.kith.awards;
