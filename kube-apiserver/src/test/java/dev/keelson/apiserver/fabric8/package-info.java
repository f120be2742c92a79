/**
 * A typed fabric8 custom resource ({@link dev.keelson.apiserver.fabric8.Widget}) for the fabric8
 * client's custom resource tests: the class a fabric8 user writes, with nothing generated.
 */
package dev.keelson.apiserver.fabric8;
