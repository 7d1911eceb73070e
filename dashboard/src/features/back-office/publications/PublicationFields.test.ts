// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { defineComponent, h, ref } from 'vue';
import { describe, expect, it } from 'vitest';
import PublicationFields, { type PublicationFieldValues } from './PublicationFields.vue';

const blank: PublicationFieldValues & { link: string } = {
  departmentId: '1',
  categoryId: '',
  channelId: '',
  publishedOn: '2026-03-02',
  title: '',
  url: '',
  summary: '',
  interpretationForm: '',
  link: 'task:7',
};

function mountWithParent() {
  const form = ref({ ...blank });
  const first = form.value;
  const Parent = defineComponent(
    () => () =>
      h(PublicationFields, {
        form: form.value,
        // h() does not infer the component's type parameter: the value is the parent's form type.
        'onUpdate:form': (value: PublicationFieldValues) => (form.value = value as typeof blank),
        errors: {},
        idPrefix: 't',
        departments: [
          { id: '1', label: '办公室' },
          { id: '2', label: '法制科' },
        ],
        categories: [
          { id: '10', name: '政策文件', depth: 0 },
          { id: '11', name: '规范性文件', depth: 1 },
        ],
        channels: [{ id: '20', name: '门户网站', department: null }],
        isInterpretation: true,
      }),
  );
  return { wrapper: mount(Parent), form, first };
}

describe('PublicationFields', () => {
  it('hands the parent a new form object per edit, carrying the other properties along', async () => {
    const { wrapper, form, first } = mountWithParent();
    await wrapper.get('#t-title').setValue('新标题');
    await wrapper.get('#t-department').setValue('2');
    await wrapper.get('#t-category').setValue('11');
    await wrapper.get('#t-form').setValue('TEXT');
    await wrapper.get('#t-summary').setValue('概述');
    expect(form.value).toEqual({ ...blank, title: '新标题', departmentId: '2', categoryId: '11', interpretationForm: 'TEXT', summary: '概述' });
    expect(first).toEqual(blank); // the parent's object was never changed in place
  });

  it('shows the parent form and indents categories by depth with full-width spaces', async () => {
    const { wrapper, form } = mountWithParent();
    form.value = { ...form.value, title: '载入的标题' };
    await wrapper.vm.$nextTick();
    expect((wrapper.get('#t-title').element as HTMLInputElement).value).toBe('载入的标题');
    expect(wrapper.findAll('#t-category option').map((o) => o.element.textContent)).toEqual(['政策文件', '\u3000规范性文件']);
  });
});
