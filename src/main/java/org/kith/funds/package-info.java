/** Funds as data: budget, award range, light-touch threshold, eligibility, questions, criteria, reporting. */
package org.kith.funds;
