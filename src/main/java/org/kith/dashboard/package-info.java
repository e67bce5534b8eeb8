/** Portfolio read models for funders: money committed and paid, and where applications stand. */
package org.kith.dashboard;
