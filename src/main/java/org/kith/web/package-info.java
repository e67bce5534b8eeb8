/** What every endpoint shares: RFC 9457 problem responses and the exceptions that produce them. */
package org.kith.web;
