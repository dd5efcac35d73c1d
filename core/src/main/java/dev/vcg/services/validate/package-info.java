/**
 * Quality validation of plans: brand consistency, goal alignment and technical validity against
 * the video model, scored. See {@link dev.vcg.services.validate.QualityValidator}.
 */
package dev.vcg.services.validate;
