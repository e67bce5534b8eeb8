/** The audit trail: who changed what, when and why, for every state change. */
package org.kith.audit;
