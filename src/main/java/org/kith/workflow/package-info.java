/** Flowable configuration, process and task keys, and the task service that checks who may act. */
package org.kith.workflow;
