/**
 * Node IPAM: gives every Node its pod CIDRs ({@code spec.podCIDR}, {@code spec.podCIDRs}) out of
 * the cluster CIDRs, as kube-controller-manager's range allocator ({@link
 * dev.keelson.controllers.nodeipam.NodeIpamController}, {@link
 * dev.keelson.controllers.nodeipam.CidrSet}).
 */
package dev.keelson.controllers.nodeipam;
