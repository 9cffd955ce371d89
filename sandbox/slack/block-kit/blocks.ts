/**
 * Checks of the blocks themselves (the Block Kit block reference pages): required fields, the
 * number of fields/elements, unique block_ids per surface, and each element in its place.
 */
import type { ElementContext } from './elements.js';
import { checkElement, checkImage } from './elements.js';
import { BLOCK_TYPES, LIMITS } from './limits.js';
import type { Problems } from './problems.js';
import { isObject } from './problems.js';

export interface SurfaceContext {
  surface: ElementContext['surface'];
  blockIds: Set<string>;
  focus: ElementContext['focus'];
}

function elementList(p: Problems, value: unknown, pointer: string, max: number): unknown[] {
  if (!Array.isArray(value) || value.length === 0) {
    p.fail('must provide at least 1 items', pointer);
    return [];
  }
  if (value.length > max) p.fail(`no more than ${max} items allowed`, pointer);
  return value;
}

export function checkBlock(p: Problems, block: unknown, pointer: string, surface: SurfaceContext): void {
  if (!isObject(block)) {
    p.fail('must be an object', pointer);
    return;
  }
  const type = block.type;
  if (typeof type !== 'string' || !BLOCK_TYPES.has(type)) {
    p.fail(`unsupported type: ${String(type)}`, `${pointer}/type`);
    return;
  }
  if (block.block_id !== undefined) {
    if (typeof block.block_id !== 'string' || block.block_id.length === 0) {
      p.fail('must be more than 0 characters', `${pointer}/block_id`);
    } else {
      p.maxLength(block.block_id, LIMITS.blockId, `${pointer}/block_id`);
      if (surface.blockIds.has(block.block_id))
        p.fail(`duplicate block_id: ${block.block_id}`, `${pointer}/block_id`);
      surface.blockIds.add(block.block_id);
    }
  }
  const element = (place: ElementContext['place']): ElementContext => ({
    place,
    surface: surface.surface,
    actionIds,
    focus: surface.focus,
  });
  const actionIds = new Set<string>();
  switch (type) {
    case 'section':
      if (block.text === undefined && block.fields === undefined)
        p.fail('must provide either text or fields', pointer);
      if (block.text !== undefined) p.text(block.text, `${pointer}/text`, LIMITS.sectionText);
      if (block.fields !== undefined) {
        elementList(p, block.fields, `${pointer}/fields`, LIMITS.sectionFields).forEach((f, i) => {
          p.text(f, `${pointer}/fields/${i}`, LIMITS.sectionFieldText);
        });
      }
      if (block.accessory !== undefined)
        checkElement(p, block.accessory, `${pointer}/accessory`, element('accessory'));
      break;
    case 'header':
      p.text(block.text, `${pointer}/text`, LIMITS.headerText, true);
      break;
    case 'actions':
      elementList(p, block.elements, `${pointer}/elements`, LIMITS.actionsElements).forEach((e, i) => {
        checkElement(p, e, `${pointer}/elements/${i}`, element('actions'));
      });
      break;
    case 'context':
      elementList(p, block.elements, `${pointer}/elements`, LIMITS.contextElements).forEach((e, i) => {
        const where = `${pointer}/elements/${i}`;
        if (isObject(e) && e.type === 'image') checkImage(p, e, where);
        else p.text(e, where, LIMITS.contextText);
      });
      break;
    case 'input':
      p.text(block.label, `${pointer}/label`, LIMITS.inputLabel, true);
      if (block.hint !== undefined) p.text(block.hint, `${pointer}/hint`, LIMITS.inputHint, true);
      p.optionalBoolean(block.optional, `${pointer}/optional`);
      p.optionalBoolean(block.dispatch_action, `${pointer}/dispatch_action`);
      if (block.element === undefined) p.fail('missing required field: element', `${pointer}/element`);
      else checkElement(p, block.element, `${pointer}/element`, element('input'));
      break;
    case 'image':
      checkImage(p, block, pointer);
      if (block.title !== undefined) p.text(block.title, `${pointer}/title`, LIMITS.imageAltText, true);
      break;
    default:
      break;
  }
}

export function checkBlocks(
  p: Problems,
  blocks: unknown,
  pointer: string,
  max: number,
  surface: SurfaceContext,
): void {
  if (!Array.isArray(blocks)) {
    p.fail('must be an array', pointer);
    return;
  }
  if (blocks.length > max) p.fail(`no more than ${max} items allowed`, pointer);
  blocks.forEach((b, i) => {
    checkBlock(p, b, `${pointer}/${i}`, surface);
  });
}
