/** Loads the demo data in seeds/ into the embedded default (and the tests). */
package org.kith.seeding;
