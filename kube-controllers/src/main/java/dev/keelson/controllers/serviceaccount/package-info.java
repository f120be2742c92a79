/** The serviceaccount controller: a {@code default} ServiceAccount in every namespace. */
package dev.keelson.controllers.serviceaccount;
