/** Accounts people make for themselves: registration, email confirmation, password reset, changing address and password. */
package org.kith.accounts;
