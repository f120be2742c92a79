/** Test helpers shared by the controller tests. */
package dev.keelson.controllers.testing;
