/**
 * The gateway's data seam: {@link io.skynetspring.samples.gateway.data.PlayerData} loads and saves
 * {@link io.skynetspring.samples.gateway.data.Player}s; {@code gateway.data} chooses the implementation
 * ({@code in-process}, the default, or another one registered for its value).
 */
package io.skynetspring.samples.gateway.data;
